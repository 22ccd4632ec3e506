package org.jaynes.core.stats;

/**
 * Which {@link ChunkSums} form the f32 first passes of this JVM use. The scalar form, until an analysis says
 * it is about to sum enough f32 values for the vector form to pay for itself: on Java 17, compiling the
 * Vector API's code costs one to two seconds of JIT time per JVM (hundreds of methods through C1 and C2,
 * measured with {@code -XX:+CITime}), while the vector form saves a few nanoseconds per value, so it only
 * pays from about {@value #VECTOR_WORTHWHILE} values (2 GiB of f32) on. Both forms give the same bits, so
 * the choice, and when it changes, moves no result.
 */
public final class ChunkSumsChoice {

    /** f32 values from which an analysis switches to the vector form. */
    public static final long VECTOR_WORTHWHILE = 1L << 29;

    private static final ChunkSums SCALAR = new ScalarChunkSums();
    private static volatile ChunkSums current = SCALAR;

    private ChunkSumsChoice() {
    }

    /**
     * Announces that about {@code f32Values} f32 values are to be summed: from {@link #VECTOR_WORTHWHILE}
     * on, the vector form is used from now on in this JVM, where the Vector API is present.
     */
    public static void expect(long f32Values) {
        if (f32Values >= VECTOR_WORTHWHILE && current == SCALAR) {
            current = ChunkSums.fastest();
        }
    }

    /** The form to use now. */
    static ChunkSums current() {
        return current;
    }
}
