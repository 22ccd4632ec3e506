package org.jaynes.cli;

/**
 * Comma-separated whole numbers given as one option value ({@code --layers 784,256,10}); a type of its own
 * because picocli would read an {@code int[]} option as several values.
 *
 * @param values the numbers, in the order given
 */
record IntegerList(int[] values) {

    int[] copy() {
        return values.clone();
    }
}
