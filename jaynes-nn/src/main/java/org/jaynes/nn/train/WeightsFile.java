package org.jaynes.nn.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.WritableTensor;
import org.jaynes.nn.layer.Network;
import org.jaynes.nn.layer.Parameter;

/**
 * Saves a network's parameters as an f32 safetensors file with PyTorch's names and shapes
 * ({@code layers.0.weight} [out, in], {@code layers.0.bias} [out]), so that
 * {@code nn.Sequential(...).load_state_dict(safetensors.torch.load_file(f), strict=False)} under a module
 * attribute {@code layers} and {@code jaynes analyze} both read it. Written atomically.
 */
public final class WeightsFile {

    private WeightsFile() {
    }

    /** The file name for the weights after {@code epoch}: {@code epoch-3.safetensors}. */
    public static String fileName(int epoch) {
        return "epoch-" + epoch + ".safetensors";
    }

    /** Writes every parameter of {@code network} to {@code file}. */
    public static void write(Path file, Network network, Map<String, String> metadata) throws IOException {
        List<WritableTensor> tensors = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            ByteBuffer bytes = ByteBuffer.allocate(p.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(p.values());
            long[] dims = new long[p.shape().length];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = p.shape()[d];
            }
            tensors.add(WritableTensor.of(p.name(), DType.F32, Shape.of(dims), HeapBytes.of(bytes.array())));
        }
        SafetensorsWriter.write(file, metadata, tensors);
    }
}
