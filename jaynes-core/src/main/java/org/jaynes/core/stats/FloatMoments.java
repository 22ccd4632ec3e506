package org.jaynes.core.stats;

import java.util.function.IntConsumer;

/**
 * The exact moments of a stream of f32 values, chunk by chunk: shared by {@link StreamingAccumulator} and
 * {@link RefiningAccumulator}, which therefore agree bit for bit on n, zeros, non-finite values, the mean
 * and standard deviation of w and the moments of ln|w| and |w|, however they count cells.
 *
 * <p>A chunk of normal values (nearly every chunk) is summed in one loop: ln|w| by {@link FloatLog}, and
 * w, |w| and ln|w| as deviations from the chunk's first value, which keeps the cancellation in
 * Σd² − (Σd)²/n mild ({@link Moments#addDeviations}). A chunk holding a zero, a subnormal, an infinity or
 * a NaN is summed value by value in two-pass blocks ({@link Moments#addBlock}). Not thread-safe.
 */
final class FloatMoments implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    final Moments signed = new Moments();
    final Moments logAbs = new Moments();
    final Moments abs = new Moments();
    long n;
    long zeros;
    long nonfinite;
    /** Smallest and largest magnitude bits of the non-zero finite values (subnormals included). */
    int minBits = Integer.MAX_VALUE;
    int maxBits;
    /**
     * Scratch of {@link #acceptValueByValue}, kept: chunks with a zero are common (pruned and quantised
     * weights), and three new arrays for each cost more than summing them.
     */
    private transient double[] signedBlock;
    private transient double[] logBlock;
    private transient double[] absBlock;

    /**
     * Adds the f32 values whose bits are the first {@code length} of {@code bits}.
     *
     * @param special receives the bits of every non-zero finite value of a chunk that is not all normal
     *                values (its cells are then the caller's to count value by value)
     * @return whether every value was normal (the caller counts the chunk's cells in one loop)
     */
    boolean accept(int[] bits, int length, IntConsumer special) {
        return accept(bits, length, special, null);
    }

    /**
     * {@link #accept(int[], int, IntConsumer)}, counting too each value of an all-normal chunk in
     * {@code coarse[bits >>> 16]} when {@code coarse} is not null: in the same loop, which costs less than a
     * second loop over the chunk.
     */
    boolean accept(int[] bits, int length, IntConsumer special, long[] coarse) {
        double shiftLog = FloatLog.lnMagnitude(bits[0]);
        double shiftSigned = Float.intBitsToFloat(bits[0]);
        double shiftAbs = Math.abs(shiftSigned);
        double sumLog = 0;
        double squaresLog = 0;
        double sumSigned = 0;
        double squaresSigned = 0;
        double sumAbs = 0;
        double squaresAbs = 0;
        int min = minBits;
        int max = maxBits;
        // Summed as if every value were normal, and checked in the same loop (one pass, not two): a chunk
        // that holds a special value is then summed again, value by value, and these sums are dropped.
        int flags = 0;
        for (int i = 0; i < length; i++) {
            int b = bits[i];
            if (coarse != null) {
                coarse[b >>> 16]++;
            }
            int exponent = (b >>> 23) & 0xFF;
            flags |= (exponent - 1) | (254 - exponent); // negative for exponents 0 and 255
            int magnitude = b & 0x7FFFFFFF;
            min = Math.min(min, magnitude);
            max = Math.max(max, magnitude);
            double w = Float.intBitsToFloat(b);
            double dLog = FloatLog.lnMagnitude(b) - shiftLog;
            double dSigned = w - shiftSigned;
            double dAbs = Math.abs(w) - shiftAbs;
            sumLog += dLog;
            squaresLog = Math.fma(dLog, dLog, squaresLog);
            sumSigned += dSigned;
            squaresSigned = Math.fma(dSigned, dSigned, squaresSigned);
            sumAbs += dAbs;
            squaresAbs = Math.fma(dAbs, dAbs, squaresAbs);
        }
        if (flags < 0) {
            if (coarse != null) {
                for (int i = 0; i < length; i++) {
                    coarse[bits[i] >>> 16]--;
                }
            }
            acceptValueByValue(bits, length, special);
            return false;
        }
        minBits = min;
        maxBits = max;
        n += length;
        logAbs.addDeviations(length, shiftLog, sumLog, squaresLog);
        signed.addDeviations(length, shiftSigned, sumSigned, squaresSigned);
        abs.addDeviations(length, shiftAbs, sumAbs, squaresAbs);
        return true;
    }

    private void acceptValueByValue(int[] bits, int length, IntConsumer special) {
        if (signedBlock == null || signedBlock.length < length) {
            signedBlock = new double[length];
            logBlock = new double[length];
            absBlock = new double[length];
        }
        double[] signedBlock = this.signedBlock;
        double[] logBlock = this.logBlock;
        double[] absBlock = this.absBlock;
        int signedFill = 0;
        int logFill = 0;
        for (int i = 0; i < length; i++) {
            int b = bits[i];
            int exponent = (b >>> 23) & 0xFF;
            n++;
            if (exponent == 0xFF) {
                nonfinite++;
                continue;
            }
            float w = Float.intBitsToFloat(b);
            signedBlock[signedFill++] = w;
            int magnitude = b & 0x7FFFFFFF;
            if (magnitude == 0) {
                zeros++;
                continue;
            }
            special.accept(b);
            minBits = Math.min(minBits, magnitude);
            maxBits = Math.max(maxBits, magnitude);
            logBlock[logFill] = exponent == 0 ? Math.log(Math.abs(w)) : FloatLog.lnMagnitude(b);
            absBlock[logFill++] = Math.abs(w);
        }
        signed.addBlock(signedBlock, signedFill);
        logAbs.addBlock(logBlock, logFill);
        abs.addBlock(absBlock, logFill);
    }

    /**
     * Adds {@code count} copies of a value given as a double (pattern counts, integers, f64): n, zeros and
     * non-finite values, and the moments of each kind it belongs to.
     *
     * @return whether w is non-zero and finite: the caller counts it in its cells
     */
    boolean addRepeated(double w, long count) {
        n += count;
        if (!Double.isFinite(w)) {
            nonfinite += count;
            return false;
        }
        signed.addRepeated(w, count);
        if (w == 0) {
            zeros += count;
            return false;
        }
        logAbs.addRepeated(Math.log(Math.abs(w)), count);
        abs.addRepeated(Math.abs(w), count);
        return true;
    }

    /** Adds everything {@code other} has seen. */
    void merge(FloatMoments other) {
        n += other.n;
        zeros += other.zeros;
        nonfinite += other.nonfinite;
        signed.merge(other.signed);
        logAbs.merge(other.logAbs);
        abs.merge(other.abs);
        minBits = Math.min(minBits, other.minBits);
        maxBits = Math.max(maxBits, other.maxBits);
    }

    /** The smallest |w| seen, +∞ when none. */
    double minAbs() {
        return minBits <= maxBits ? Float.intBitsToFloat(minBits) : Double.POSITIVE_INFINITY;
    }

    /** The largest |w| seen, 0 when none. */
    double maxAbs() {
        return minBits <= maxBits ? Float.intBitsToFloat(maxBits) : 0;
    }
}
