package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import org.jaynes.formats.ModelFormatException;

/**
 * Writes a copy of a model with more graph outputs, without re-serializing the model.
 *
 * <p>Protobuf merges concatenated messages: a singular message field merges and a repeated field
 * appends. So the file's bytes followed by a serialized {@code ModelProto{graph: {output: [...]}}} parse
 * as the model with those outputs appended; copying the bytes takes no heap. Each added output is
 * declared by name alone: ONNX Runtime infers its element type and shape, so the outputs of a float16
 * model stay float16 (declaring them float32 made ONNX Runtime refuse such models).
 *
 * <p>A model with external data names its data files relative to its own folder, so its copy is written
 * into that folder (which must then be writable); any other model's copy goes to the temporary folder.
 */
final class ExtendedModelFile {

    static final String FOLDER_NOT_WRITABLE = "stores its weights as external data, so the copy of its graph with "
            + "the capture outputs must be written beside it, but the folder is not writable (%s)";

    private static final String PREFIX = ".jaynes-capture-";

    private ExtendedModelFile() {
    }

    /** A new file holding {@code model} with {@code outputs} added as graph outputs of inferred type. */
    static Path write(Path model, Collection<String> outputs, boolean externalData)
            throws IOException, ModelFormatException {
        Path copy;
        if (externalData) {
            Path folder = model.toAbsolutePath().getParent();
            try {
                copy = Files.createTempFile(folder, PREFIX, ".onnx");
            } catch (AccessDeniedException e) {
                throw ModelFormatException.at(model, ModelFormatException.NO_OFFSET, FOLDER_NOT_WRITABLE, folder);
            }
        } else {
            copy = Files.createTempFile(PREFIX, ".onnx");
        }
        try {
            Files.copy(model, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.APPEND)) {
                extraOutputs(outputs).writeTo(out);
            }
            return copy;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    private static ModelProto extraOutputs(Collection<String> outputs) {
        GraphProto.Builder graph = GraphProto.newBuilder();
        for (String output : outputs) {
            graph.addOutput(ValueInfoProto.newBuilder().setName(output));
        }
        return ModelProto.newBuilder().setGraph(graph).build();
    }
}
