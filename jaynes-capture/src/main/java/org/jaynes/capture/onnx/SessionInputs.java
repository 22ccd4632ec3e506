package org.jaynes.capture.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jaynes.formats.ModelFormatException;

/**
 * The inputs an ONNX Runtime session expects, and the check of a batch's feeds against them: names,
 * element types (float32 values are accepted for float16 and bfloat16 inputs, rounded when fed), ranks and
 * fixed sizes. Checking before the run gives a message naming the input, where
 * ONNX Runtime would name a node deep inside the graph.
 *
 * @param model  the model file, as messages name it
 * @param inputs each input's type and shape (-1 for an open dimension), in the session's order
 */
record SessionInputs(Path model, Map<String, TensorInfo> inputs) {

    static final String UNKNOWN_INPUT = "the model has no input '%s'; its inputs are %s";
    static final String MISSING_INPUT = "input '%s' is not given; the model's inputs are %s";
    static final String WRONG_TYPE = "input '%s' is %s, the model wants %s";
    static final String WRONG_SHAPE = "input '%s' has shape %s, the model wants %s (-1: any size)";

    SessionInputs {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** The tensor inputs of {@code session}. */
    static SessionInputs of(Path model, OrtSession session) throws OrtException {
        Map<String, TensorInfo> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
            if (input.getValue().getInfo() instanceof TensorInfo info) {
                inputs.put(input.getKey(), info);
            }
        }
        return new SessionInputs(model, inputs);
    }

    /** Throws a one-line error for the first feed that does not fit. */
    void check(Map<String, FeedTensor> feeds) throws ModelFormatException {
        String names = String.join(", ", inputs.keySet());
        for (String name : feeds.keySet()) {
            if (!inputs.containsKey(name)) {
                throw error(UNKNOWN_INPUT, name, names);
            }
        }
        for (Map.Entry<String, TensorInfo> input : inputs.entrySet()) {
            FeedTensor feed = feeds.get(input.getKey());
            if (feed == null) {
                throw error(MISSING_INPUT, input.getKey(), names);
            }
            ElementType wanted = elementType(input.getValue().type);
            if (feed.type() != wanted && !(feed.type() == ElementType.FLOAT32 && wanted.isFloat())) {
                throw error(WRONG_TYPE, input.getKey(), feed.type().label(), wanted.label());
            }
            long[] expected = input.getValue().getShape();
            if (!fits(feed.shape(), expected)) {
                throw error(WRONG_SHAPE, input.getKey(), Arrays.toString(feed.shape()), Arrays.toString(expected));
            }
        }
    }

    /** The element type of input {@code name}, which {@link #check} has found among the inputs. */
    ElementType type(String name) {
        return elementType(inputs.get(name).type);
    }

    /** Whether a shape has the rank of {@code expected} and its size wherever that is fixed. */
    static boolean fits(long[] shape, long[] expected) {
        if (shape.length != expected.length) {
            return false;
        }
        for (int d = 0; d < shape.length; d++) {
            if (expected[d] >= 0 && shape[d] != expected[d]) {
                return false;
            }
        }
        return true;
    }

    /** ONNX Runtime's Java view of an element type, as jaynes names it. */
    static ElementType elementType(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> ElementType.FLOAT32;
            case DOUBLE -> ElementType.FLOAT64;
            case INT8 -> ElementType.INT8;
            case INT16 -> ElementType.INT16;
            case INT32 -> ElementType.INT32;
            case INT64 -> ElementType.INT64;
            case BOOL -> ElementType.BOOL;
            case STRING -> ElementType.STRING;
            case UINT8 -> ElementType.UINT8;
            case FLOAT16 -> ElementType.FLOAT16;
            case BFLOAT16 -> ElementType.BFLOAT16;
            default -> ElementType.OTHER;
        };
    }

    private ModelFormatException error(String template, Object... args) {
        return ModelFormatException.at(model, ModelFormatException.NO_OFFSET, template, args);
    }
}
