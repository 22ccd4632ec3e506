package org.jaynes.formats;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An I/O failure reading a model, as one line that names a file: the JDK's messages for a read that
 * fails ({@code Input/output error} from {@code /proc/self/mem}, a disk error) name none, and those of
 * {@link FileSystemException}s name the file but may give no reason ({@link AccessDeniedException}'s
 * message is the bare path).
 */
final class ReadFailure {

    private ReadFailure() {
    }

    /**
     * {@code failure} with a message naming a file: the file it names itself (a {@link FileSystemException}),
     * else {@code path}, the file or folder being read; with a reason in words when it has none.
     */
    static IOException named(Path path, IOException failure) {
        if (failure instanceof FileSystemException e && e.getFile() != null) {
            if (e.getReason() != null) {
                return failure; // "<file>: <reason>" already
            }
            return new IOException(MessageText.path(e.getFile()) + ": " + reason(e), e);
        }
        return new IOException(MessageText.path(path) + ": " + reason(failure), failure);
    }

    private static String reason(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName()
                : MessageText.reason(message).toString();
    }
}
