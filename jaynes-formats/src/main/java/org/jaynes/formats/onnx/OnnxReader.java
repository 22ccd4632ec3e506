package org.jaynes.formats.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.naming.Roles;

/**
 * Reads ONNX models ({@code .onnx}) without a protobuf library.
 *
 * <pre>{@code
 * Model bert = new OnnxReader().read(Path.of("all-minilm-l6-v2.onnx"));
 * Tensor query = bert.tensors().stream()
 *         .filter(t -> t.storedName().equals("onnx::MatMul_885")).findFirst().orElseThrow();
 * query.name();   // "encoder.layer.0.attention.self.query", named after the MatMul node using it
 * }</pre>
 *
 * <p>The model's tensors are every initializer and every Constant node's {@code value} of the main graph
 * and of its subgraphs (If branches, Loop and Scan bodies, at any depth), in file order. Their values
 * stay in the files: {@code raw_data}, packed {@code float_data}/{@code double_data} and external data
 * become {@link org.jaynes.core.tensor.FileRegion}s; only small tensors stored as varints are decoded
 * (see {@link OnnxTensorDecoder}). Names follow {@link OnnxLayerNames}; roles follow {@link Roles}.
 * Sparse initializers are not read. A tensor with no elements whose data_type jaynes cannot hold
 * (strings, complex, 4- and 8-bit floats...) is left out, having no values; with elements, it is an
 * error.
 *
 * <p>The file is mapped read-only whole, which protobuf's 2 GiB message limit bounds; larger models
 * keep their weights in external data files, which are never mapped here. Every malformed input is a
 * {@link ModelFormatException} naming the file, the byte offset and what is wrong. Thread-safe: the
 * reader holds no state.
 */
public final class OnnxReader implements ModelReader {

    /** ModelProto field 1 (ir_version) as a varint: the tag every writer puts first. */
    private static final int IR_VERSION_TAG = OnnxSchema.MODEL_IR_VERSION << 3;

    /** One-byte tags of the ModelProto fields that follow ir_version: fields 2 to 8 and 14. */
    private static final List<Integer> SECOND_TAGS = List.of(0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72);

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    /** A {@code .onnx} name, or a head starting with a plausible ir_version and a ModelProto field tag. */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return true;
        }
        int start = head.position();
        if (head.limit() - start < 2 || head.get(start) != IR_VERSION_TAG) {
            return false;
        }
        int irVersion = head.get(start + 1);
        return irVersion >= 1 && irVersion < 0x80
                && (head.limit() - start == 2 || SECOND_TAGS.contains(head.get(start + 2) & 0xff));
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        ProtoScanner model = ProtoScanner.of(path, map(path), OnnxSchema.MODEL);
        List<OnnxTensorSource> sources = new ArrayList<>();
        for (OnnxTensorSource source : OnnxGraphWalk.tensors(OnnxGraphParser.parseModel(model))) {
            if (dtype(source.tensor()).isPresent() || source.tensor().shape().elementCount() > 0) {
                sources.add(source);
            }
        }
        List<String> names = OnnxLayerNames.assign(sources);
        OnnxTensorDecoder decoder = new OnnxTensorDecoder(model);
        List<Tensor> tensors = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            OnnxTensorProto proto = sources.get(i).tensor();
            DType dtype = dtype(proto).orElseThrow(() -> model.error(proto.offset(),
                    "unsupported data_type %s in tensor %s with %d elements", OnnxDataType.label(proto.dataType()),
                    proto.name(), proto.shape().elementCount()));
            OnnxDataType type = OnnxDataType.of(proto.dataType()).orElseThrow(); // defined, as it has a dtype
            ByteSource data = decoder.decode(proto, type, dtype);
            String name = names.get(i);
            tensors.add(new Tensor(proto.name(), name, Roles.of(name, proto.shape()), proto.shape(), dtype, data));
        }
        return new Model(path.toString(), ModelFormat.ONNX, tensors);
    }

    private static Optional<DType> dtype(OnnxTensorProto tensor) {
        return OnnxDataType.of(tensor.dataType()).flatMap(OnnxDataType::dtype);
    }

    private static MappedByteBuffer map(Path path) throws IOException, ModelFormatException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw ModelFormatException.at(path, ModelFormatException.NO_OFFSET,
                        "%d bytes: more than protobuf's 2 GiB limit, so not an ONNX model file", size);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }
}
