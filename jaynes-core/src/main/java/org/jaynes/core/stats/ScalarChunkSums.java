package org.jaynes.core.stats;

/** {@link ChunkSums} one value at a time, lane after lane, each lane's sums in registers. */
final class ScalarChunkSums implements ChunkSums {

    @Override
    public boolean sum(int[] bits, int length, int[] range, double[] lanes) {
        int min = range[0];
        int max = range[1];
        for (int i = 0; i < length; i++) {
            if (!ChunkSums.isNormal(bits[i])) {
                return false;
            }
            int magnitude = bits[i] & 0x7FFFFFFF;
            min = Math.min(min, magnitude);
            max = Math.max(max, magnitude);
        }
        double firstLog = FloatLog.lnMagnitude(bits[0]);
        double first = Float.intBitsToFloat(bits[0]);
        double firstAbs = Math.abs(first);
        for (int lane = 0; lane < LANES; lane++) {
            double log = 0;
            double logSquares = 0;
            double signed = 0;
            double signedSquares = 0;
            double abs = 0;
            double absSquares = 0;
            for (int i = lane; i < length; i += LANES) {
                double w = Float.intBitsToFloat(bits[i]);
                double dLog = FloatLog.lnMagnitude(bits[i]) - firstLog;
                double dSigned = w - first;
                double dAbs = Math.abs(w) - firstAbs;
                log += dLog;
                logSquares = Math.fma(dLog, dLog, logSquares);
                signed += dSigned;
                signedSquares = Math.fma(dSigned, dSigned, signedSquares);
                abs += dAbs;
                absSquares = Math.fma(dAbs, dAbs, absSquares);
            }
            lanes[LOG * LANES + lane] = log;
            lanes[LOG_SQUARES * LANES + lane] = logSquares;
            lanes[SIGNED * LANES + lane] = signed;
            lanes[SIGNED_SQUARES * LANES + lane] = signedSquares;
            lanes[ABS * LANES + lane] = abs;
            lanes[ABS_SQUARES * LANES + lane] = absSquares;
        }
        range[0] = min;
        range[1] = max;
        return true;
    }
}
