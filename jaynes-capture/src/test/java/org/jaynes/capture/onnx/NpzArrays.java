package org.jaynes.capture.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.numpy.NumpyReader;

/** The arrays of a small golden .npz, read whole with jaynes' NumPy reader. */
record NpzArrays(Map<String, Tensor> tensors) {

    static NpzArrays read(Path file) throws IOException, ModelFormatException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Tensor tensor : new NumpyReader().read(file).tensors()) {
            tensors.put(tensor.name(), tensor);
        }
        return new NpzArrays(tensors);
    }

    long[] shape(String name) {
        return tensor(name).shape().dims();
    }

    float[] floats(String name) throws IOException {
        Tensor tensor = tensor(name);
        if (tensor.dtype() != DType.F32) {
            throw new IllegalStateException(name + " is " + tensor.dtype());
        }
        float[] values = new float[(int) tensor.elementCount()];
        bytes(tensor).asFloatBuffer().get(values);
        return values;
    }

    long[] longs(String name) throws IOException {
        Tensor tensor = tensor(name);
        if (tensor.dtype() != DType.I64) {
            throw new IllegalStateException(name + " is " + tensor.dtype());
        }
        long[] values = new long[(int) tensor.elementCount()];
        bytes(tensor).asLongBuffer().get(values);
        return values;
    }

    private Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no array " + name + " in " + tensors.keySet());
        }
        return tensor;
    }

    private static ByteBuffer bytes(Tensor tensor) throws IOException {
        return tensor.data().window(0, (int) tensor.data().length());
    }
}
