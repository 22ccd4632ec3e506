package org.jaynes.capture.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The models of the capture tests, copied out of the test resources and the MiniLM jar. */
final class TestModels {

    static final String MINILM = "all-minilm-l6-v2.onnx";

    private TestModels() {
    }

    /** Copies a resource to {@code directory} under its own file name and returns the copy. */
    static Path copy(String resource, Path directory) {
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        Path target = directory.resolve(fileName);
        try (InputStream in = TestModels.class.getResourceAsStream(resource.startsWith("/") ? resource : "/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The generated fixture model, copied to {@code directory}. */
    static Path capture(Path directory) {
        return copy("onnx/capture.onnx", directory);
    }

    /** The bundled MiniLM from the langchain4j jar, copied to {@code directory}. */
    static Path miniLm(Path directory) {
        return copy(MINILM, directory);
    }
}
