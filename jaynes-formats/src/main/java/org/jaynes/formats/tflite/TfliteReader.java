package org.jaynes.formats.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.naming.Roles;

/**
 * Reads TensorFlow Lite models ({@code .tflite}) without a FlatBuffers library.
 * <pre>{@code
 * Model pose = new TfliteReader().read(Path.of("pose_landmark_lite.tflite"));
 * pose.tensors().get(10).dtype();   // F16: an fp16 weight that feeds a DEQUANTIZE operator
 * }</pre>
 *
 * <p>The model's tensors are the constant tensors of every subgraph (those whose buffer holds bytes),
 * in subgraph then tensor order; tensors without values (activations) are not listed. Each is handed
 * over as the file holds it, or as the values it stands for:
 * <ul>
 * <li>FLOAT32, FLOAT16, FLOAT64, BFLOAT16, BOOL and integers without quantization: in place, as a
 *     {@link FileRegion} of their own dtype (fp16 weights feeding DEQUANTIZE are F16 tensors);
 * <li>integers with a scale and zero point, per tensor or per channel along {@code quantized_dimension}
 *     (int8 and uint8 weights, int32 biases of fully quantized models): f32 values
 *     {@code scale[c] * (q - zero_point[c])}, computed window by window ({@link DequantizeDecoder});
 * <li>INT4 without quantization: unpacked to one signed byte per value;
 * <li>sparse tensors (the inputs of DENSIFY): their dense values, decoded window by window
 *     ({@link DensifyDecoder}), then dequantized if quantized.
 * </ul>
 * STRING, RESOURCE and VARIANT tensors hold no numbers and are left out; COMPLEX64, COMPLEX128, UINT32
 * and UINT64 tensors are refused by name, as is custom quantization.
 *
 * <p>Names: a tensor's {@link Tensor#storedName()} and {@link Tensor#name()} are both its name as stored
 * ({@code model/conv2d/Conv2D}). Roles come from the operators that read the tensor (the filter of a
 * convolution, the weights and bias of a fully connected layer; see {@link TfliteOperatorRoles}), and
 * otherwise from {@link Roles}.
 *
 * <p>The flatbuffer (the file's first 2 GiB at most) is mapped read-only; every reference in it is
 * checked ({@link FlatBuffer}) and every problem is a {@link ModelFormatException} naming the file, the
 * byte and the tensor. Sparse tensors keep the mapping while they live, to read their index vectors in
 * place (address space, not heap). Stateless and thread-safe.
 *
 * @see <a href="https://github.com/tensorflow/tensorflow/blob/master/tensorflow/compiler/mlir/lite/schema/schema.fbs">
 *      the tflite schema</a>
 */
public final class TfliteReader implements ModelReader {

    static final String UNSUPPORTED_TYPE = "tensor %s has type %s, which jaynes cannot read";
    static final String SPARSE_TOO_LARGE = "sparse tensor %s stores %d bytes, more than the %d bytes jaynes densifies";

    /** Types that hold no numbers: their tensors are left out. */
    private static final Set<TfliteType> NOT_NUMBERS = EnumSet.of(TfliteType.STRING, TfliteType.RESOURCE,
            TfliteType.VARIANT);

    @Override
    public ModelFormat format() {
        return ModelFormat.TFLITE;
    }

    /** A {@code .tflite} name, or the file identifier {@code TFL3} at bytes 4 to 7. */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        if (ModelReader.lowerCaseName(file).endsWith(".tflite")) {
            return true;
        }
        int start = head.position();
        if (head.limit() - start < 8) {
            return false;
        }
        byte[] identifier = new byte[4];
        head.duplicate().position(start + 4).get(identifier);
        return new String(identifier, StandardCharsets.ISO_8859_1).equals(TfliteSchema.IDENTIFIER);
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        long size;
        ByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            size = channel.size();
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
        }
        List<Tensor> tensors = new ArrayList<>();
        for (TfliteConstant constant : TfliteModelParser.parse(new FlatBuffer(path, mapped), size)) {
            if (NOT_NUMBERS.contains(constant.type())) {
                continue;
            }
            if (constant.type().dtype().isEmpty()) {
                throw ModelFormatException.at(path, constant.tableOffset(), UNSUPPORTED_TYPE, constant.name(),
                        constant.type());
            }
            tensors.add(tensor(path, constant));
        }
        return new Model(path.toString(), ModelFormat.TFLITE, tensors);
    }

    private static Tensor tensor(Path path, TfliteConstant constant) throws ModelFormatException {
        TfliteType type = constant.type();
        ByteSource values = new FileRegion(path, constant.dataOffset(), constant.dataLength());
        if (constant.sparsity() != null) {
            if (constant.dataLength() > ByteSource.MAX_WINDOW) {
                throw ModelFormatException.at(path, constant.tableOffset(), SPARSE_TOO_LARGE, constant.name(),
                        constant.dataLength(), ByteSource.MAX_WINDOW);
            }
            values = DensifyDecoder.source(values, type.dtype().orElseThrow().byteSize(), constant.sparsity(),
                    constant.shape());
        }
        DType dtype = type.dtype().orElseThrow();
        if (constant.quantization() != null) {
            values = DequantizeDecoder.dequantized(values, type, constant.quantization(), constant.shape());
            dtype = DType.F32;
        } else if (type == TfliteType.INT4) {
            values = DequantizeDecoder.unpackedInt4(values, constant.shape());
        }
        String name = constant.name();
        return new Tensor(name, name, role(constant), constant.shape(), dtype, values);
    }

    /** The operators' role, refined by the name for fully connected weights (attention, MLP, head). */
    private static Role role(TfliteConstant constant) {
        Role named = Roles.of(constant.name(), constant.shape());
        if (constant.role() == null) {
            return named;
        }
        if (constant.role() == Role.DENSE && constant.shape().rank() >= 2) {
            return switch (named) {
                case NORMALIZATION, BIAS, CONVOLUTION, OTHER -> Role.DENSE;
                default -> named;
            };
        }
        return constant.role();
    }
}
