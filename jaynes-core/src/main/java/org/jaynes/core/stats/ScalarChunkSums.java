package org.jaynes.core.stats;

/** {@link ChunkSums} one value at a time, lane after lane: where the Vector API is absent. */
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
        java.util.Arrays.fill(lanes, 0);
        double firstLog = FloatLog.lnMagnitude(bits[0]);
        double first = Float.intBitsToFloat(bits[0]);
        for (int i = 0; i < length; i++) {
            ChunkSums.addToLane(bits[i], i % LANES, firstLog, first, lanes);
        }
        range[0] = min;
        range[1] = max;
        return true;
    }
}
