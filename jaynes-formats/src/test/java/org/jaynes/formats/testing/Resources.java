package org.jaynes.formats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Where the readers' test files are: fixtures under {@code src/test/resources/<format>/}, written by
 * {@code tools/make_<format>_fixtures.py} with its {@code expected.json} beside them, and real models
 * fetched into {@code models/npm/} by {@code tools/fetch-models.sh}; and a file's head as a reader is
 * shown it.
 */
public final class Resources {

    private static final String MISSING_FIXTURE = "missing fixture %s: run tools/make_%s_fixtures.py";
    private static final String MISSING_RESOURCE = "missing test resource %s";

    private Resources() {
    }

    /** A fixture file under {@code src/test/resources/<format>/}; {@code name} may hold folders. */
    public static Path fixture(String format, String name) {
        return path("/" + format + "/" + name, String.format(Locale.ROOT, MISSING_FIXTURE, name, format));
    }

    /** A test resource by its name relative to {@code src/test/resources/} ({@code keras/dense.h5}). */
    public static Path resource(String name) {
        return path("/" + name, String.format(Locale.ROOT, MISSING_RESOURCE, name));
    }

    /**
     * The {@code expected.json} of a format's fixtures, its integers exact ({@link JsonTree.Numbers#EXACT}).
     *
     * @throws UncheckedIOException if it cannot be read
     */
    public static Map<?, ?> expected(String format) {
        try {
            return (Map<?, ?>) JsonTree.file(fixture(format, "expected.json"), JsonTree.Numbers.EXACT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's first bytes (up to 64), little-endian, as {@code ModelReader.recognizes} is given them. */
    public static ByteBuffer head(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(Arrays.copyOf(bytes, Math.min(64, bytes.length))).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The folder of an npm package's models, looked for from the working folder up. */
    public static Path npmModels(String folder) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models").resolve("npm").resolve(folder);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("models", "npm", folder);
    }

    private static Path path(String absoluteName, String whenMissing) {
        URL url = Resources.class.getResource(absoluteName);
        if (url == null) {
            throw new IllegalStateException(whenMissing);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
