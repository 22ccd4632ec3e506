package org.jaynes.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * An option value one of our converters refused: bad input, which {@link Main} says in this one line
 * (picocli's own conversion errors get its wording and a pointer to the help).
 */
final class BadOptionValue extends TypeConversionException {

    private static final long serialVersionUID = 1L;

    BadOptionValue(String message) {
        super(message);
    }
}
