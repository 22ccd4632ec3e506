package org.jaynes.formats;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model file that cannot be read as its format says: the one failure kind of every reader. The
 * message is one line naming the file, the byte offset where the problem is (when there is one) and
 * what is wrong, ready to show a user as it is.
 *
 * <p>Whatever a file names reaches the message through {@link MessageText}: {@link #at} shows every text
 * argument as a {@link MessageText#name name} (escaped, at most 120 characters), and the constructor
 * escapes the file and the reason once more, so that no message, however it was assembled, spans two
 * lines or writes a control character to the terminal.
 */
public final class ModelFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Offset value for problems that belong to no byte, such as a folder with no model in it. */
    public static final long NO_OFFSET = -1;

    private final transient Path file;
    private final long offset;
    private final String reason;

    public ModelFormatException(Path file, long offset, String reason) {
        this(file, offset, reason, null);
    }

    public ModelFormatException(Path file, long offset, String reason, Throwable cause) {
        super(format(file, offset, MessageText.escaped(reason)), cause);
        this.file = file;
        this.offset = offset;
        this.reason = MessageText.escaped(reason);
    }

    /**
     * Formats a reason with {@link Locale#ROOT}, so messages never change with the user's locale, and with
     * every text and path argument shown through {@link MessageText#format}: pass names from the file as
     * arguments, never concatenated into the template.
     */
    public static ModelFormatException at(Path file, long offset, String template, Object... args) {
        return new ModelFormatException(file, offset, MessageText.format(template, args));
    }

    private static String format(Path file, long offset, String reason) {
        String shown = MessageText.path(file);
        return offset == NO_OFFSET
                ? shown + ": " + reason
                : shown + ": at byte " + offset + ": " + reason;
    }

    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the problem is, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
