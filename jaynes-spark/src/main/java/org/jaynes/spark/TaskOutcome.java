package org.jaynes.spark;

import java.io.Serializable;

/**
 * What a task gives back: its value, or the one-line reason it failed. A task that fails on bad input
 * returns the reason rather than throwing, so that Spark does not retry it and the survey records the
 * model among its failures and goes on.
 */
record TaskOutcome<T extends Serializable>(T value, String failure) implements Serializable {

    static <T extends Serializable> TaskOutcome<T> of(T value) {
        return new TaskOutcome<>(value, null);
    }

    static <T extends Serializable> TaskOutcome<T> failed(String reason) {
        return new TaskOutcome<>(null, reason);
    }
}
