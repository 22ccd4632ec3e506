package org.jaynes.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector form of the chunk sums against the scalar form: the same bits for every length (multiples of
 * eight and not), for values over every scale, and the same refusal of chunks with a special value.
 * The tests run with the Vector API module (the build adds it), so the vector form is the one in use.
 */
class ChunkSumsTest {

    private static final int LANES = ChunkSums.LANES * ChunkSums.SUMS;

    private final ChunkSums vector = ChunkSums.fastest();
    private final ChunkSums scalar = new ScalarChunkSums();

    @Test
    void theBuildRunsTheVectorForm() {
        assertEquals("VectorChunkSums", vector.getClass().getSimpleName());
    }

    @Test
    void bothFormsGiveTheSameBitsForEveryLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int length = 1; length <= 1024; length += length < 40 ? 1 : 37) {
            int[] bits = new int[length];
            for (int i = 0; i < length; i++) {
                // Magnitudes from 2^-100 to 2^60, both signs, every mantissa: values above and below √2·2^e.
                float w = (float) (Math.scalb(1 + random.nextDouble(), random.nextInt(-100, 60))
                        * (random.nextBoolean() ? 1 : -1));
                bits[i] = Float.floatToRawIntBits(w);
            }
            double[] vectorLanes = new double[LANES];
            double[] scalarLanes = new double[LANES];
            int[] vectorRange = {Integer.MAX_VALUE, 0};
            int[] scalarRange = {Integer.MAX_VALUE, 0};
            assertTrue(vector.sum(bits, length, vectorRange, vectorLanes));
            assertTrue(scalar.sum(bits, length, scalarRange, scalarLanes));
            assertArrayEquals(scalarRange, vectorRange, "length " + length);
            for (int sum = 0; sum < ChunkSums.SUMS; sum++) {
                assertEquals(Double.doubleToRawLongBits(ChunkSums.total(scalarLanes, sum)),
                        Double.doubleToRawLongBits(ChunkSums.total(vectorLanes, sum)), "sum " + sum + ", length " + length);
            }
        }
    }

    @Test
    void theSumsAreThoseOfTheValues() {
        int[] bits = new int[100];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.floatToRawIntBits((i % 2 == 0 ? 1 : -1) * (0.5f + i));
        }
        double[] lanes = new double[LANES];
        int[] range = {Integer.MAX_VALUE, 0};
        assertTrue(vector.sum(bits, bits.length, range, lanes));
        double logSum = 0;
        double signedSum = 0;
        for (int i = 0; i < bits.length; i++) {
            logSum += Math.log(0.5 + i) - Math.log(0.5);
            signedSum += (i % 2 == 0 ? 1 : -1) * (0.5 + i) - 0.5;
        }
        assertEquals(logSum, ChunkSums.total(lanes, ChunkSums.LOG), 1e-12 * Math.abs(logSum));
        assertEquals(signedSum, ChunkSums.total(lanes, ChunkSums.SIGNED), 1e-12);
        assertEquals(Float.floatToRawIntBits(0.5f), range[0]);
        assertEquals(Float.floatToRawIntBits(99.5f), range[1]);
    }

    @Test
    void aChunkWithAZeroSubnormalInfinityOrNanIsRefusedAndTheRangeKept() {
        for (float special : new float[] {0f, -0f, Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NaN}) {
            for (int place : new int[] {0, 5, 8, 16, 20}) {
                int[] bits = new int[21];
                java.util.Arrays.fill(bits, Float.floatToRawIntBits(0.25f));
                bits[place] = Float.floatToRawIntBits(special);
                for (ChunkSums sums : new ChunkSums[] {vector, scalar}) {
                    int[] range = {7, 9};
                    assertFalse(sums.sum(bits, bits.length, range, new double[LANES]), special + " at " + place);
                    assertArrayEquals(new int[] {7, 9}, range);
                }
            }
        }
    }
}
