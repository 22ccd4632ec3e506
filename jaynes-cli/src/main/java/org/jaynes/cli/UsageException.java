package org.jaynes.cli;

/** The user asked for something that cannot be done as asked (a bad option value, an unwritable output). */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
