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
 * a NaN is summed value by value in two-pass blocks ({@link Moments#addBlock}), except that a chunk whose
 * only such values are zeros is summed in one loop too, the zeros left out of the sums of ln|w| and |w|.
 * Not thread-safe.
 */
final class FloatMoments implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    final Moments signed = new Moments();
    final Moments logAbs = new Moments();
    /** Of |w|: only its mean is used (the fits' mean |w|), and the summing loops keep no squares for it. */
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
    /**
     * Whether the last chunk summed in one loop had a zero: then the next is tried first with the loop that
     * allows zeros, not summed twice. It chooses a loop, never the bits of a sum.
     */
    private transient boolean zerosLately;
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
     * second loop over the chunk. With {@code coarse}, a chunk of normal values and zeros counts as all
     * normal: its non-zero values are counted in {@code coarse} and none goes to {@code special}. Either
     * way such a chunk is summed in one loop, so that both kinds of caller get the same bits.
     */
    boolean accept(int[] bits, int length, IntConsumer special, long[] coarse) {
        if (zerosLately) {
            return acceptWithZeros(bits, length, special, coarse);
        }
        double shiftLog = FloatLog.lnMagnitude(bits[0]);
        double shiftSigned = Float.intBitsToFloat(bits[0]);
        double shiftAbs = Math.abs(shiftSigned);
        double sumLog = 0;
        double squaresLog = 0;
        double sumSigned = 0;
        double squaresSigned = 0;
        double sumAbs = 0;
        int min = minBits;
        int max = maxBits;
        // Summed as if every value were normal, and checked in the same loop (one pass, not two): a chunk
        // that holds a special value is then summed again, and these sums are dropped.
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
        }
        if (flags < 0) {
            uncount(bits, length, coarse);
            return acceptWithZeros(bits, length, special, coarse);
        }
        minBits = min;
        maxBits = max;
        n += length;
        logAbs.addDeviations(length, shiftLog, sumLog, squaresLog);
        signed.addDeviations(length, shiftSigned, sumSigned, squaresSigned);
        abs.addDeviationsForMean(length, shiftAbs, sumAbs);
        return true;
    }

    /** The rest of {@link #accept} for a chunk that may hold zeros: in one loop if it can, else value by value. */
    private boolean acceptWithZeros(int[] bits, int length, IntConsumer special, long[] coarse) {
        int chunkZeros = addNormalAndZeros(bits, length, coarse, special);
        if (chunkZeros >= 0) {
            zerosLately = chunkZeros > 0;
            return chunkZeros == 0 || coarse != null;
        }
        zerosLately = false;
        acceptValueByValue(bits, length, special);
        return false;
    }

    /**
     * Sums a chunk like the loop of {@link #accept}, but zeros are allowed: they add nothing to the sums of
     * ln|w| and |w|, and are taken out of {@code coarse} again, or, without {@code coarse}, every non-zero
     * value goes to {@code special}. On a chunk without zeros the sums are those of {@link #accept}'s loop,
     * bit for bit (the same operations in the same order), which is why the choice between the two loops can
     * follow {@link #zerosLately}. Returns the chunk's zeros, or −1, having added nothing, when it holds a
     * subnormal, an infinity or a NaN.
     */
    private int addNormalAndZeros(int[] bits, int length, long[] coarse, IntConsumer special) {
        int first = 0;
        while (first < length - 1 && (bits[first] & 0x7FFFFFFF) == 0) {
            first++;
        }
        double shiftLog = FloatLog.lnMagnitude(bits[first]);
        double shiftSigned = Float.intBitsToFloat(bits[first]);
        double shiftAbs = Math.abs(shiftSigned);
        double sumLog = 0;
        double squaresLog = 0;
        double sumSigned = 0;
        double squaresSigned = 0;
        double sumAbs = 0;
        int min = minBits;
        int max = maxBits;
        int positiveZeros = 0;
        int negativeZeros = 0;
        int flags = 0;
        for (int i = 0; i < length; i++) {
            int b = bits[i];
            if (coarse != null) {
                coarse[b >>> 16]++;
            }
            int magnitude = b & 0x7FFFFFFF;
            int exponent = magnitude >>> 23;
            boolean zero = magnitude == 0;
            // negative for a subnormal (exponent 0, not zero) or an infinity or NaN (exponent 255)
            flags |= (zero ? 1 : exponent - 1) | (254 - exponent);
            positiveZeros += b == 0 ? 1 : 0;
            negativeZeros += b == 0x80000000 ? 1 : 0;
            min = Math.min(min, zero ? Integer.MAX_VALUE : magnitude);
            max = Math.max(max, magnitude);
            double w = Float.intBitsToFloat(b);
            double dLog = zero ? 0 : FloatLog.lnMagnitude(b) - shiftLog;
            double dSigned = w - shiftSigned;
            double dAbs = zero ? 0 : Math.abs(w) - shiftAbs;
            sumLog += dLog;
            squaresLog = Math.fma(dLog, dLog, squaresLog);
            sumSigned += dSigned;
            squaresSigned = Math.fma(dSigned, dSigned, squaresSigned);
            sumAbs += dAbs;
        }
        if (flags < 0) {
            uncount(bits, length, coarse);
            return -1;
        }
        if (coarse != null) {
            coarse[0] -= positiveZeros;
            coarse[0x8000] -= negativeZeros;
        } else if (positiveZeros + negativeZeros > 0) {
            for (int i = 0; i < length; i++) {
                if ((bits[i] & 0x7FFFFFFF) != 0) {
                    special.accept(bits[i]);
                }
            }
        }
        int chunkZeros = positiveZeros + negativeZeros;
        commit(length, chunkZeros, min, max, shiftLog, sumLog, squaresLog, shiftSigned, sumSigned, squaresSigned,
                shiftAbs, sumAbs);
        return chunkZeros;
    }

    /** Takes a chunk's values out of {@code coarse} again. */
    private static void uncount(int[] bits, int length, long[] coarse) {
        if (coarse != null) {
            for (int i = 0; i < length; i++) {
                coarse[bits[i] >>> 16]--;
            }
        }
    }

    /** Adds a chunk's sums of deviations from its shifts; its zeros count in n and w only. */
    private void commit(int length, int chunkZeros, int min, int max, double shiftLog, double sumLog,
                        double squaresLog, double shiftSigned, double sumSigned, double squaresSigned,
                        double shiftAbs, double sumAbs) {
        minBits = min;
        maxBits = max;
        n += length;
        zeros += chunkZeros;
        logAbs.addDeviations(length - chunkZeros, shiftLog, sumLog, squaresLog);
        signed.addDeviations(length, shiftSigned, sumSigned, squaresSigned);
        abs.addDeviationsForMean(length - chunkZeros, shiftAbs, sumAbs);
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
