package org.jaynes.survey;

/**
 * The survey cannot start as asked: an input that does not exist, a glob that matches nothing, a
 * checkpoint folder without step numbers, an output folder that cannot be written. Bad input (exit 2),
 * raised before any model is read or any output written.
 */
public final class SurveyInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public SurveyInputException(String message) {
        super(message);
    }
}
