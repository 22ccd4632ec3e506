package org.jaynes.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file through a temporary file in the same folder, renamed over the target only when
 * the content is complete: an interrupted run never leaves half a report.
 */
public final class AtomicOutput {

    /** Writes content to a stream; the stream is closed by the caller. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    /**
     * Checks, before any work, that {@code target} can be written: its folder exists and is writable,
     * and it is not a folder itself.
     *
     * @return a one-line reason when it cannot, or null
     */
    public static String problemWith(Path target) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            return absolute + ": is a folder, not a file";
        }
        if (folder == null || !Files.isDirectory(folder)) {
            return absolute + ": folder " + folder + " does not exist";
        }
        if (!Files.isWritable(folder)) {
            return absolute + ": folder " + folder + " is not writable";
        }
        return null;
    }

    /**
     * Writes {@code content} to {@code target}, atomically replacing any file there. A target that exists
     * and is not a regular file ({@code /dev/null}, a pipe) is written directly: renaming over it would
     * replace the device.
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            try (OutputStream out = Files.newOutputStream(absolute)) {
                content.writeTo(out);
            }
            return;
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        } catch (AccessDeniedException e) {
            throw new IOException(absolute + ": cannot write in " + absolute.getParent(), e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary); // gone already after a successful move
        }
    }
}
