package org.jaynes.formats.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** IDX files written byte by byte, for the tests of the IDX reader and of the data sets read through it. */
public final class IdxBytes {

    private IdxBytes() {
    }

    /** An unsigned-byte IDX file of these dimensions and data, which need not agree. */
    public static byte[] of(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    /** Writes {@code bytes} gzip-compressed to {@code file}, as Debian ships the MNIST files. */
    public static void gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }
}
