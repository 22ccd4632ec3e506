package org.jaynes.core.stats;

import static org.jaynes.core.stats.ExactStatistics.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two-pass accumulator against the one-pass {@link StreamingAccumulator} over the same bytes (same
 * moments bit for bit; the same cells wherever it is refined) and against the values themselves.
 */
class RefiningAccumulatorTest {

    private static final double RELATIVE_EPS = 1e-12;
    private static final double KS_EPS = 1e-12;

    @ParameterizedTest
    @EnumSource(StreamingAccumulatorTest.Sample.class)
    void momentsEqualTheStreamingAccumulatorsBitForBit(StreamingAccumulatorTest.Sample shape) {
        StoredValues data = StoredValues.of(DType.F32, StreamingAccumulatorTest.sample(shape, 11, 30_000));
        RefiningAccumulator refining = refining(data);
        StreamingAccumulator streaming = streaming(data);
        PopulationStats coarse = refining.result();
        PopulationStats fine = streaming.result();
        assertEquals(fine.n(), coarse.n());
        assertEquals(fine.zeros(), coarse.zeros());
        assertEquals(fine.nonfinite(), coarse.nonfinite());
        assertEquals(fine.mean(), coarse.mean());
        assertEquals(fine.std(), coarse.std());
        assertEquals(fine.mu(), coarse.mu());
        assertEquals(fine.sigma(), coarse.sigma());
        FitInput a = refining.fitInput();
        FitInput b = streaming.fitInput();
        assertEquals(b.meanAbs(), a.meanAbs());
        assertEquals(b.meanSquare(), a.meanSquare());
        assertEquals(b.minAbs(), a.minAbs());
        assertEquals(b.maxAbs(), a.maxAbs());
        // Unrefined, the KS distance comes from coarse cells; its bound says how far it may be off.
        assertTrue(Math.abs(coarse.ks() - fine.ks()) <= coarse.ksErrorBound() + fine.ksErrorBound() + KS_EPS,
                coarse + " vs " + fine);
        assertMatches(ExactStatistics.of(data.values()), coarse, RELATIVE_EPS, KS_EPS, shape.name());
    }

    @ParameterizedTest
    @EnumSource(StreamingAccumulatorTest.Sample.class)
    void refinedEverywhereItHasTheStreamingAccumulatorsCells(StreamingAccumulatorTest.Sample shape) {
        StoredValues data = StoredValues.of(DType.F32, StreamingAccumulatorTest.sample(shape, 12, 20_000));
        RefiningAccumulator refining = refining(data);
        Refinement everywhere = refining.refinement(new double[] {-800, 800});
        refining.refine(everywhere, everywhere.countFine(data.buffer()));
        StreamingAccumulator streaming = streaming(data);
        assertEquals(cells(streaming.cells(), false), cells(refining.cells(), false));
        assertEquals(cells(streaming.cells(), true), cells(refining.cells(), true));
        assertEquals(streaming.result(), refining.result());
        assertEquals(streaming.cells().maxCellWidth(), refining.cells().maxCellWidth());
    }

    @Test
    void refiningWhereTheSupremumLiesGivesTheFineDistanceAndBound() {
        StoredValues data = StoredValues.of(DType.F32, StreamingAccumulatorTest.sample(
                StreamingAccumulatorTest.Sample.GAUSSIAN, 13, 50_000));
        RefiningAccumulator refining = refining(data);
        StreamingAccumulator streaming = streaming(data);
        PopulationStats fine = streaming.result();
        // The supremum of |F_n − Φ| lies in some cell; refining every cell of ln|w| within 0.5 of the
        // fine answer's location is found by scanning coarse cells: here, every cell whose coarse bounds
        // could reach the coarse lower bound, which is what RefinementPlaces asks the fits for.
        PopulationStats coarse = refining.result();
        assertTrue(coarse.ksErrorBound() > fine.ksErrorBound(), "coarse cells are wider");
        List<Double> places = new ArrayList<>();
        double mu = coarse.mu();
        double sigma = coarse.sigma();
        long[] before = {0};
        long n = streaming.fitInput().n();
        double lower = coarse.ks() - coarse.ksErrorBound();
        refining.cells().forEachCell((low, high, count) -> {
            double start = before[0] / (double) n;
            before[0] += count;
            double end = before[0] / (double) n;
            double upper = Math.max(end - ExactStatistics.phi((low - mu) / sigma),
                    ExactStatistics.phi((high - mu) / sigma) - start);
            if (upper >= lower - 1e-9) {
                places.add(low);
                places.add(high);
            }
        });
        Refinement refinement = refining.refinement(places.stream().mapToDouble(Double::doubleValue).toArray());
        assertTrue(refinement.cells() > 0 && refinement.cells() < 200, refinement.cells() + " cells refined");
        refining.refine(refinement, refinement.countFine(data.buffer()));
        PopulationStats refined = refining.result();
        assertEquals(fine.ks(), refined.ks());
        assertEquals(fine.ksErrorBound(), refined.ksErrorBound());
    }

    @Test
    void segmentsMergedEqualOnePass() {
        StoredValues data = StoredValues.of(DType.F32, StreamingAccumulatorTest.sample(
                StreamingAccumulatorTest.Sample.WITH_ZEROS_AND_NONFINITE, 14, 40_000));
        RefiningAccumulator whole = refining(data);
        RefiningAccumulator merged = new RefiningAccumulator();
        ByteBuffer bytes = data.buffer();
        for (int offset = 0; offset < bytes.capacity(); offset += 4096 * 4) {
            RefiningAccumulator part = new RefiningAccumulator();
            part.accept(bytes.slice(offset, Math.min(4096 * 4, bytes.capacity() - offset)));
            merged.merge(part);
        }
        assertEquals(whole.result().n(), merged.result().n());
        // Merging reorders the additions of the moments, which move by rounding only, and the KS with them.
        assertEquals(whole.result().ks(), merged.result().ks(), 1e-12);
        assertEquals(cells(whole.cells(), true), cells(merged.cells(), true));
        assertEquals(whole.result().mu(), merged.result().mu(), 1e-14);
    }

    @Test
    void subnormalsAreCountedExactlyAndNeverRefined() {
        double tiny = Float.MIN_VALUE * 3.0;
        StoredValues data = StoredValues.of(DType.F32, new double[] {tiny, -tiny, 0.5, 0.25, 0, Double.NaN});
        RefiningAccumulator refining = refining(data);
        Refinement all = refining.refinement(new double[] {-800, 800});
        assertEquals(2, all.cells(), "the cells of 0.5 and 0.25; subnormals are already exact");
        refining.refine(all, all.countFine(data.buffer()));
        StreamingAccumulator streaming = streaming(data);
        assertEquals(streaming.result(), refining.result());
        assertEquals(cells(streaming.cells(), true), cells(refining.cells(), true));
    }

    @Test
    void bytesThatChangeBetweenThePassesAreReportedNotMixed() {
        ByteBuffer bytes = ByteBuffer.allocate(4 * 3).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(0, 0.5f).putFloat(4, 0.25f).putFloat(8, 0.125f);
        RefiningAccumulator refining = new RefiningAccumulator();
        refining.accept(bytes.duplicate());
        Refinement all = refining.refinement(new double[] {-800, 800});
        bytes.putFloat(8, 0.5f);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> refining.refine(all, all.countFine(bytes.duplicate())));
        assertEquals("the values changed between two reads: 1 and 0 values near 0.125000 on the first, 0 and 0"
                + " on the second", e.getCause().getMessage());
    }

    @Test
    void pooledPatternValuesJoinTheCoarseCellOfTheirPage() {
        RefiningAccumulator pooled = new RefiningAccumulator();
        RefiningAccumulator layer = new RefiningAccumulator();
        layer.accept(StoredValues.of(DType.F32, new double[] {0.5, 0.5, 0.75}).buffer());
        layer.addTo(pooled);
        PopulationAccumulator bf16 = PopulationAccumulator.of(DType.BF16);
        bf16.accept(StoredValues.of(DType.BF16, new double[] {0.5, 3}).buffer());
        bf16.addTo(pooled);
        List<String> cells = cells(pooled.cells(), false);
        assertEquals(3, cells.size(), cells.toString());
        assertTrue(cells.get(0).endsWith(" 3"), "two f32 halves and the bf16 half share one coarse cell: " + cells);
        assertEquals(5, pooled.result().n());
    }

    /** A counter that drains before its int counts could overflow gives the same counts as one that never does. */
    @Test
    void aCounterThatDrainsOftenCountsTheSame() {
        StoredValues data = StoredValues.of(DType.F32, StreamingAccumulatorTest.sample(
                StreamingAccumulatorTest.Sample.LOGNORMAL, 15, 30_000));
        RefiningAccumulator refining = refining(data);
        Refinement everywhere = refining.refinement(new double[] {-800, 800});
        Refinement.Counter often = everywhere.counter(5_000);
        ByteBuffer bytes = data.buffer();
        for (int offset = 0; offset < bytes.capacity(); offset += 4 * 3_000) {
            often.count(bytes.slice(offset, Math.min(4 * 3_000, bytes.capacity() - offset)));
        }
        LogAbsHistogram drained = new LogAbsHistogram();
        often.drainInto(drained);
        List<String> expected = cells(everywhere.countFine(data.buffer()), true);
        assertEquals(expected, cells(drained, true));
    }

    /**
     * Counters take the directories of drained counters: a counter after one that refined every cell counts
     * only its own cells, and leaves the pages the first one handed over alone.
     */
    @Test
    void aCounterOnADrainedCountersDirectoryCountsOnlyItsOwnCells() {
        StoredValues data = StoredValues.of(DType.F32, StreamingAccumulatorTest.sample(
                StreamingAccumulatorTest.Sample.LOGNORMAL, 16, 30_000));
        RefiningAccumulator refining = refining(data);
        Refinement everywhere = refining.refinement(new double[] {-800, 800});
        LogAbsHistogram first = everywhere.countFine(data.buffer());
        List<String> firstCells = cells(first, true);
        Refinement narrow = refining.refinement(new double[] {-0.1, 0.1});
        LogAbsHistogram second = narrow.countFine(data.buffer());
        assertEquals(firstCells, cells(first, true), "the first histogram's pages are not counted into again");
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        for (int key : narrow.selectedKeys()) {
            keys.add(key);
        }
        long expected = 0;
        ByteBuffer bytes = data.buffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < bytes.capacity(); i += 4) {
            expected += keys.contains((bytes.getInt(i) >>> 16) & 0x7FFF) ? 1 : 0;
        }
        long[] counted = {0};
        second.forEachSignedCell((low, high, count) -> counted[0] += count);
        assertTrue(expected > 0 && expected < 30_000, "the narrow cells hold some values: " + expected);
        assertEquals(expected, counted[0]);
    }

    /** A refining accumulator that has seen {@code data} once. */
    private static RefiningAccumulator refining(StoredValues data) {
        RefiningAccumulator accumulator = new RefiningAccumulator();
        accumulator.accept(data.buffer());
        return accumulator;
    }

    /** The one-pass accumulator over the same bytes: the oracle. */
    private static StreamingAccumulator streaming(StoredValues data) {
        StreamingAccumulator accumulator = new StreamingAccumulator(DType.F32);
        accumulator.accept(data.buffer());
        return accumulator;
    }

    /** The cells as text: low, high, count. */
    static List<String> cells(ValueCells cells, boolean signed) {
        List<String> out = new ArrayList<>();
        ValueCells.CellConsumer consumer = (low, high, count) -> out.add(low + " " + high + " " + count);
        if (signed) {
            cells.forEachSignedCell(consumer);
        } else {
            cells.forEachCell(consumer);
        }
        return out;
    }
}
