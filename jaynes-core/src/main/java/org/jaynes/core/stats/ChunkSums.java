package org.jaynes.core.stats;

/**
 * The six sums {@link FloatMoments} keeps of a chunk of normal f32 values: the deviations of ln|w|, w and |w|
 * from those of the chunk's first value, and their squares. Value i of the chunk goes to lane i mod
 * {@value #LANES}; each lane sums its values in order, and the lanes are added in order 0 … 7 at the end.
 * Fixing the order this way lets {@link VectorChunkSums} run eight values at a time in vector registers and
 * {@link ScalarChunkSums} run one at a time, with the same bits: the analysis does not depend on the machine,
 * the JVM options, or whether the Vector API is present.
 */
interface ChunkSums {

    int LANES = 8;
    /** Which sum: the lanes of sum k are {@code lanes[k * LANES … k * LANES + 7]}. */
    int LOG = 0;
    int LOG_SQUARES = 1;
    int SIGNED = 2;
    int SIGNED_SQUARES = 3;
    int ABS = 4;
    int ABS_SQUARES = 5;
    int SUMS = 6;

    /** The module of the JDK's Vector API, still incubating in Java 17: present only when added at start-up. */
    String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Sums the first {@code length} values of {@code bits} (length ≥ 1) into the lanes of {@code lanes}
     * ({@value #SUMS} × {@value #LANES} entries, overwritten; read them with {@link #total}), and lowers
     * {@code range[0]} and raises {@code range[1]} to the smallest and largest magnitude bits among them.
     *
     * @return false, leaving {@code range} as it was, when any value is zero, subnormal, infinite or NaN (the
     *         lanes are then meaningless and the caller sums the chunk value by value)
     */
    boolean sum(int[] bits, int length, int[] range, double[] lanes);

    /**
     * The vector form where the Vector API is present and the machine has 256-bit vectors, else the scalar
     * form; the system property {@code jaynes.vector=false} asks for the scalar form.
     */
    static ChunkSums fastest() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                && !"false".equals(System.getProperty("jaynes.vector"))) {
            try {
                // By name: the class is compiled apart, with the module (see jaynes-core/pom.xml).
                Object vector = Class.forName("org.jaynes.core.stats.VectorChunkSums").getDeclaredConstructor()
                        .newInstance();
                if (((ChunkSums) vector).isFast()) {
                    return (ChunkSums) vector;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // The scalar form gives the same sums.
            }
        }
        return new ScalarChunkSums();
    }

    /** Whether this form runs fast on this machine (the Vector API emulates vectors it lacks, slowly). */
    default boolean isFast() {
        return true;
    }

    /** Sum {@code sum} of the chunk: its lanes added in lane order. */
    static double total(double[] lanes, int sum) {
        double total = lanes[sum * LANES];
        for (int lane = 1; lane < LANES; lane++) {
            total += lanes[sum * LANES + lane];
        }
        return total;
    }

    /**
     * Adds value {@code bits} to the lanes of {@code lane}: the one step both forms share for values summed
     * one at a time; {@code first} is the chunk's first value and {@code firstLog} its ln|w|.
     */
    static void addToLane(int bits, int lane, double firstLog, double first, double[] lanes) {
        double w = Float.intBitsToFloat(bits);
        double dLog = FloatLog.lnMagnitude(bits) - firstLog;
        double dSigned = w - first;
        double dAbs = Math.abs(w) - Math.abs(first);
        lanes[LOG * LANES + lane] += dLog;
        lanes[LOG_SQUARES * LANES + lane] = Math.fma(dLog, dLog, lanes[LOG_SQUARES * LANES + lane]);
        lanes[SIGNED * LANES + lane] += dSigned;
        lanes[SIGNED_SQUARES * LANES + lane] = Math.fma(dSigned, dSigned, lanes[SIGNED_SQUARES * LANES + lane]);
        lanes[ABS * LANES + lane] += dAbs;
        lanes[ABS_SQUARES * LANES + lane] = Math.fma(dAbs, dAbs, lanes[ABS_SQUARES * LANES + lane]);
    }

    /** Whether the bits are those of a normal f32 (exponent neither 0 nor 255). */
    static boolean isNormal(int bits) {
        int exponent = (bits >>> 23) & 0xFF;
        return ((exponent - 1) | (254 - exponent)) >= 0;
    }
}
