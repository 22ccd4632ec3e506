package org.jaynes.cli;

import java.util.function.Supplier;

/**
 * The user asked for something that cannot be done as asked (a bad option value, an unwritable output):
 * exit code 2 and one line, in {@link Main}, where every exit code is decided.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    /**
     * A value built from option values by a constructor that checks them: its IllegalArgumentException is
     * bad input, said in one line that names {@code what}. Only for building from options, so that a fault
     * elsewhere is not taken for bad input.
     */
    static <T> T fromOptions(String what, Supplier<T> build) throws UsageException {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + ": " + e.getMessage());
        }
    }

    /** A value built from option values whose IllegalArgumentException is bad input, said as it is. */
    static <T> T build(Supplier<T> build) throws UsageException {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Runs a check of the input whose IllegalArgumentException is bad input, said as it is. */
    static void check(Runnable check) throws UsageException {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
