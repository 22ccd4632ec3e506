package org.jaynes.core.stats;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChunkSums} four values at a time: vectors of four doubles (lanes 0–3, then 4–7), each step the
 * lanewise form of {@link FloatLog} and {@link ChunkSums#addToLane}, so the bits equal the scalar form's.
 * Compiled apart, with the incubating Vector API module, and loaded by name only when that module is present.
 */
final class VectorChunkSums implements ChunkSums {

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> EIGHT_INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final int HALF = 4;

    @Override
    public boolean isFast() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= DOUBLES.vectorBitSize();
    }

    @Override
    public boolean sum(int[] bits, int length, int[] range, double[] lanes) {
        int full = length - length % LANES;
        IntVector flags = IntVector.zero(EIGHT_INTS);
        IntVector min = IntVector.broadcast(EIGHT_INTS, range[0]);
        IntVector max = IntVector.broadcast(EIGHT_INTS, range[1]);
        for (int i = 0; i < full; i += LANES) {
            IntVector b = IntVector.fromArray(EIGHT_INTS, bits, i);
            IntVector exponent = b.lanewise(VectorOperators.LSHR, 23).and(0xFF);
            flags = flags.or(exponent.sub(1)).or(exponent.neg().add(254));
            IntVector magnitude = b.and(0x7FFFFFFF);
            min = min.min(magnitude);
            max = max.max(magnitude);
        }
        int low = min.reduceLanes(VectorOperators.MIN);
        int high = max.reduceLanes(VectorOperators.MAX);
        if (flags.reduceLanes(VectorOperators.OR) < 0) {
            return false;
        }
        for (int i = full; i < length; i++) {
            if (!ChunkSums.isNormal(bits[i])) {
                return false;
            }
            low = Math.min(low, bits[i] & 0x7FFFFFFF);
            high = Math.max(high, bits[i] & 0x7FFFFFFF);
        }
        double first = Float.intBitsToFloat(bits[0]);
        double firstLog = FloatLog.lnMagnitude(bits[0]);
        for (int half = 0; half < LANES; half += HALF) {
            sumHalf(bits, full, half, firstLog, first, lanes);
        }
        for (int i = full; i < length; i++) {
            ChunkSums.addToLane(bits[i], i - full, firstLog, first, lanes);
        }
        range[0] = low;
        range[1] = high;
        return true;
    }

    /**
     * Sums values {@code half}, {@code half} + 8, … below {@code full} into lanes {@code half} … {@code half}
     * + 3. Lanes 0–3 and 4–7 are two loops of one vector each, not one loop of two: C2 gives up inlining the
     * Vector API's calls in a loop body twice as large, and a vector that is not inlined is an object, a
     * hundred times slower.
     */
    private static void sumHalf(int[] bits, int full, int half, double firstLog, double first, double[] lanes) {
        DoubleVector shiftLog = DoubleVector.broadcast(DOUBLES, firstLog);
        DoubleVector ln2High = DoubleVector.broadcast(DOUBLES, FloatLog.LN2_HIGH);
        DoubleVector ln2Low = DoubleVector.broadcast(DOUBLES, FloatLog.LN2_LOW);
        DoubleVector shiftSigned = DoubleVector.broadcast(DOUBLES, first);
        DoubleVector shiftAbs = DoubleVector.broadcast(DOUBLES, Math.abs(first));
        DoubleVector log = DoubleVector.zero(DOUBLES);
        DoubleVector logSquares = log;
        DoubleVector signed = log;
        DoubleVector signedSquares = log;
        DoubleVector abs = log;
        DoubleVector absSquares = log;
        for (int i = half; i < full; i += LANES) {
            IntVector b = IntVector.fromArray(INTS, bits, i);
            DoubleVector w = toDouble(b);
            // FloatLog.lnMagnitude, step for step. Written out here, not called: C2 would compile a hot
            // method of its own apart and then refuse to inline it ("already compiled into a big method").
            DoubleVector exponent = (DoubleVector) b.lanewise(VectorOperators.LSHR, 23).and(0xFF).sub(127)
                    .convertShape(VectorOperators.I2D, DOUBLES, 0);
            DoubleVector x = toDouble(b.and(0x7FFFFF).or(0x3F800000));
            VectorMask<Double> above = x.compare(VectorOperators.GT, FloatLog.SQRT_2);
            x = x.blend(x.mul(0.5), above);
            exponent = exponent.blend(exponent.add(1), above);
            DoubleVector f = x.sub(1);
            DoubleVector s = f.div(f.add(2));
            DoubleVector z = s.mul(s);
            DoubleVector halfSquare = f.mul(0.5).mul(f);
            DoubleVector series = DoubleVector.broadcast(DOUBLES, FloatLog.ATANH[0]);
            for (int k = 1; k < FloatLog.ATANH.length; k++) {
                series = series.fma(z, DoubleVector.broadcast(DOUBLES, FloatLog.ATANH[k]));
            }
            DoubleVector lnX = f.sub(halfSquare.sub(s.mul(halfSquare.add(z.mul(series)))));
            DoubleVector dLog = exponent.fma(ln2High, exponent.fma(ln2Low, lnX)).sub(shiftLog);
            DoubleVector dSigned = w.sub(shiftSigned);
            DoubleVector dAbs = w.abs().sub(shiftAbs);
            log = log.add(dLog);
            logSquares = dLog.fma(dLog, logSquares);
            signed = signed.add(dSigned);
            signedSquares = dSigned.fma(dSigned, signedSquares);
            abs = abs.add(dAbs);
            absSquares = dAbs.fma(dAbs, absSquares);
        }
        log.intoArray(lanes, LOG * LANES + half);
        logSquares.intoArray(lanes, LOG_SQUARES * LANES + half);
        signed.intoArray(lanes, SIGNED * LANES + half);
        signedSquares.intoArray(lanes, SIGNED_SQUARES * LANES + half);
        abs.intoArray(lanes, ABS * LANES + half);
        absSquares.intoArray(lanes, ABS_SQUARES * LANES + half);
    }

    private static DoubleVector toDouble(IntVector floatBits) {
        return (DoubleVector) floatBits.reinterpretAsFloats().convertShape(VectorOperators.F2D, DOUBLES, 0);
    }
}
