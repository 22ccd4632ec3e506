package org.jaynes.formats.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
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
 *
 * <p>Quantized weights (int8, uint8, int16, uint16, int32 constants that DequantizeLinear, QLinearMatMul,
 * QLinearConv, MatMulInteger or ConvInteger dequantize, as {@link OnnxQuantization} finds them) are handed
 * out twice, one after the other: the integers as stored, named {@code <layer>.quantized}, and their
 * values {@code (q − zero_point) · scale} as an f32 tensor computed window by window
 * ({@link DequantizedValues}), named after the layer as the float model would be
 * ({@code encoder.layer.0.attention.self.query}), with stored name {@code <stored>:dequantized}. Both
 * have the layer's role; the integer one is not floating point, so an analysis counts each weight once.
 * Scales and zero points are named {@code <layer>.scale} and {@code <layer>.zero_point}, role other.
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

    /** The stored-name suffix of a quantized weight's dequantized values, which the file holds only implicitly. */
    public static final String DEQUANTIZED_SUFFIX = ":dequantized";

    /** One-byte tags of the ModelProto fields that follow ir_version: fields 2 to 8 and 14. */
    private static final List<Integer> SECOND_TAGS = List.of(0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72);

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    /** A {@code .onnx} name, or a head starting with a plausible ir_version and a ModelProto field tag. */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        if (ModelReader.lowerCaseName(file).endsWith(".onnx")) {
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
        OnnxGraph graph = OnnxGraphParser.parseModel(model);
        List<OnnxTensorSource> sources = new ArrayList<>();
        for (OnnxTensorSource source : OnnxGraphWalk.tensors(graph)) {
            if (dtype(source.tensor()).isPresent() || source.tensor().shape().elementCount() > 0) {
                sources.add(source);
            }
        }
        Map<String, QuantizedWeight> quantized = OnnxQuantization.find(graph, model);
        List<String> names = OnnxLayerNames.assign(sources, quantized);
        Set<OnnxTensorProto> quantization = Collections.newSetFromMap(new IdentityHashMap<>());
        for (QuantizedWeight weight : quantized.values()) {
            quantization.add(weight.scale());
            weight.zeroPoint().ifPresent(quantization::add);
        }
        OnnxTensorDecoder decoder = new OnnxTensorDecoder(model);
        OnnxDequantizer dequantizer = new OnnxDequantizer(decoder);
        List<Tensor> tensors = new ArrayList<>(sources.size() + quantized.size());
        for (int i = 0; i < sources.size(); i++) {
            OnnxTensorProto proto = sources.get(i).tensor();
            DType dtype = dtype(proto).orElseThrow(() -> model.error(proto.offset(),
                    "unsupported data_type %s in tensor %s with %d elements", OnnxDataType.label(proto.dataType()),
                    proto.name(), proto.shape().elementCount()));
            OnnxDataType type = OnnxDataType.of(proto.dataType()).orElseThrow(); // defined, as it has a dtype
            ByteSource data = decoder.decode(proto, type, dtype);
            QuantizedWeight weight = quantized.get(proto.name());
            if (weight == null || weight.quantized() != proto) {
                String name = names.get(i);
                Role role = quantization.contains(proto) ? Role.OTHER : Roles.of(name, proto.shape());
                tensors.add(new Tensor(proto.name(), name, role, proto.shape(), dtype, data));
                continue;
            }
            // the integers, named <layer>.quantized, then their values under the layer's own name
            String layer = names.get(i).substring(0, names.get(i).lastIndexOf(OnnxLayerNames.QUANTIZED_LAYER));
            Role role = Roles.of(layer, proto.shape());
            tensors.add(new Tensor(proto.name(), names.get(i), role, proto.shape(), dtype, data));
            tensors.add(new Tensor(proto.name() + DEQUANTIZED_SUFFIX, layer, role, proto.shape(), DType.F32,
                    dequantizer.values(weight, data, dtype)));
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
