package org.jaynes.formats.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.naming.LayerNames;
import org.jaynes.formats.naming.Roles;

/**
 * Reads llama.cpp's GGUF format, versions 2 and 3.
 * <pre>{@code
 * Model model = new GgufReader().read(Path.of("llama-3-8b.Q4_K_M.gguf"));
 * GgufMetadata metadata = GgufHeader.read(Path.of("llama-3-8b.Q4_K_M.gguf")).metadata();
 * }</pre>
 *
 * <p>Only the header is read (see {@link GgufHeader}); values stay in the file. F32, F16, BF16, F64,
 * I8, I16, I32 and I64 tensors are handed over in place as a {@link FileRegion} of their own dtype.
 * Block-quantized tensors (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q8_K) are handed
 * over as f32, dequantized exactly as ggml defines them ({@link BlockFormat}) window by window on demand,
 * so heap use is one window whatever the tensor's size. Other ggml types (Q8_1, the IQ and TQ types,
 * MXFP4, NVFP4) are refused by name.
 *
 * <p>A tensor's {@link Tensor#storedName()} is its GGUF name ({@code blk.0.attn_q.weight}), its
 * {@link Tensor#name()} the name without a trailing {@code .weight}, its shape outermost first (GGUF
 * stores dimensions innermost first, so {@code [n_embd, n_vocab]} in the file is {@code [n_vocab,
 * n_embd]} here, the shape PyTorch gives the same weight). Tensors come in the file's order. Every
 * problem with the input is a {@link ModelFormatException} naming the file and byte. Stateless and
 * thread-safe.
 *
 * @see <a href="https://github.com/ggml-org/ggml/blob/master/docs/gguf.md">the GGUF specification</a>
 */
public final class GgufReader implements ModelReader {


    @Override
    public ModelFormat format() {
        return ModelFormat.GGUF;
    }

    /** True for a file that starts with the magic {@code GGUF}. */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        ByteBuffer bytes = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = bytes.position();
        return bytes.remaining() >= 4 && bytes.get(at) == 'G' && bytes.get(at + 1) == 'G'
                && bytes.get(at + 2) == 'U' && bytes.get(at + 3) == 'F';
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        GgufHeader header = GgufHeader.read(path);
        List<Tensor> tensors = new ArrayList<>(header.tensors().size());
        for (GgufTensorInfo info : header.tensors()) {
            String name = LayerNames.withoutWeightSuffix(info.name());
            DType dtype = info.type().dtype().orElseThrow();
            tensors.add(new Tensor(info.name(), name, Roles.of(name, info.shape()), info.shape(), dtype,
                    data(header, info)));
        }
        return new Model(path.toString(), ModelFormat.GGUF, tensors);
    }

    private static ByteSource data(GgufHeader header, GgufTensorInfo info) {
        if (info.bytes() == 0) {
            // no bytes to read, wherever the file puts them: the data section may start past its end
            return HeapBytes.of(new byte[0]);
        }
        FileRegion stored = new FileRegion(header.file(), header.dataStart() + info.offset(), info.bytes());
        return info.type().blockFormat()
                .<ByteSource>map(format -> QuantizedDecoder.source(stored, format))
                .orElse(stored);
    }
}
