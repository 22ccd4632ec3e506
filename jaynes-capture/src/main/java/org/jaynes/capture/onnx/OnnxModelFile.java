package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jaynes.formats.ModelFormatException;

/**
 * Parses an {@code .onnx} file into a {@link ModelProto} without copying its weights onto the heap.
 *
 * <p>The file is mapped read-only and parsed with aliasing on, so every {@code raw_data} of the result
 * is a view of the mapping: the heap holds the graph's structure (kilobytes to a few megabytes), not the
 * initializers. A protobuf message cannot exceed 2 GiB, so neither can a model file; larger models keep
 * their weights as external data, which is not read here.
 */
final class OnnxModelFile {

    static final String NO_SUCH_FILE = "no such file";
    static final String NOT_ONNX = "not an ONNX model: %s";
    static final String NO_GRAPH = "not an ONNX model: it has no graph with nodes";
    static final String TOO_LARGE = "not an ONNX model: %d bytes is over the 2 GiB limit of a protobuf message";

    private OnnxModelFile() {
    }

    /** The model in {@code file}, its initializer bytes aliasing a read-only mapping of the file. */
    static ModelProto parse(Path file) throws IOException, ModelFormatException {
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, TOO_LARGE, size);
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, NO_SUCH_FILE);
        }
        ModelProto model;
        try {
            // a stream over a wrapped ByteString counts as immutable, which aliasing needs; a stream made
            // by CodedInputStream.newInstance(buffer) does not, and would copy every initializer
            CodedInputStream input = UnsafeByteOperations.unsafeWrap(mapped).newCodedInput();
            input.enableAliasing(true);
            model = ModelProto.parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, NOT_ONNX, oneLine(e.getMessage()));
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, NO_GRAPH);
        }
        return model;
    }

    /** Whether any initializer keeps its values in a file beside the model. */
    static boolean hasExternalData(ModelProto model) {
        return model.getGraph().getInitializerList().stream()
                .anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL);
    }

    /** A message folded onto one line, as error messages must be. */
    static String oneLine(String message) {
        return message == null ? "unknown reason" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
