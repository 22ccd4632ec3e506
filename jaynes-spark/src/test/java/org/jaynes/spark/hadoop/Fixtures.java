package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fixtures of the formats' tests (their test jar), copied to a folder. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Copies the resource {@code name} into {@code folder} under its file name. */
    public static Path copy(String name, Path folder) throws IOException {
        Path target = folder.resolve(name.substring(name.lastIndexOf('/') + 1));
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            Files.copy(in, target);
        }
        return target;
    }
}
