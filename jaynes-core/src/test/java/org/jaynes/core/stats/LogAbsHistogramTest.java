package org.jaynes.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Counts past {@link Integer#MAX_VALUE}, which leave a page's int slots for the spilled long counts. */
class LogAbsHistogramTest {

    private static final long MAX = Integer.MAX_VALUE;

    @Test
    void countsPastTheIntRangeSpillAndStayExactThroughAddsAndMerges() {
        LogAbsHistogram histogram = new LogAbsHistogram();
        histogram.add(0.5, MAX - 1);
        histogram.add(-0.5, 3);
        histogram.add(0.25, 7);
        LogAbsHistogram other = new LogAbsHistogram();
        other.add(0.5, MAX);
        other.add(0.25, 5);
        histogram.merge(other); // the slot of 0.5 passes the int range: spilled
        histogram.merge(other); // and again, onto the spilled count
        histogram.add(0.5, MAX); // an add onto a spilled slot

        long half = (MAX - 1) + 3 * MAX;
        assertEquals(Map.of(0.25, 17L, 0.5, half + 3), lowerEdges(histogram::forEachCell, true));
        assertEquals(Map.of(-0.5, 3L, 0.25, 17L, 0.5, half), lowerEdges(histogram::forEachSignedCell, false));
        int page = LogAbsHistogram.magnitudePage(0.5);
        assertEquals(half, histogram.pageCount(page, false));
        assertEquals(3, histogram.pageCount(page, true));
    }

    @Test
    void aMergeWhoseSumsStayInTheIntRangeSpillsNothing() {
        LogAbsHistogram histogram = new LogAbsHistogram();
        histogram.add(0.5, MAX - 10);
        LogAbsHistogram other = new LogAbsHistogram();
        other.add(0.5, 10);
        other.add(0.75, MAX);
        histogram.merge(other);
        assertEquals(Map.of(0.5, MAX, 0.75, MAX), lowerEdges(histogram::forEachCell, true));
    }

    /** A page whose every slot holds a large count sums past the int range exactly (the page count's halves). */
    @Test
    void aFullPageOfLargeCountsSumsExactly() {
        LogAbsHistogram histogram = new LogAbsHistogram();
        int page = LogAbsHistogram.magnitudePage(0.5);
        int[] counts = new int[1024];
        long expected = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (int) (MAX - 65_537L * i);
            expected += counts[i];
        }
        histogram.addPage(page, false, counts);
        histogram.addPage(page, true, new int[1024]);
        assertEquals(expected, histogram.pageCount(page, false));
        assertEquals(0, histogram.pageCount(page, true));
    }

    /** The cells a page's walks append, counted beforehand: by sign and for both signs, one cell per occupied slot. */
    @Test
    void cellsOfPageCountTheCellsEachWalkAppends() {
        LogAbsHistogram histogram = new LogAbsHistogram();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 3_000; i++) {
            double w = 0.5 * (1 + random.nextDouble() / 128); // one magnitude page, a few thousand slots of it
            histogram.add(random.nextBoolean() ? w : -w, 1 + random.nextInt(3));
        }
        histogram.add(-0.5 * (1 + 0x1p-9), 1); // a slot of negative values only
        for (double w : new double[] {-0.499, -0.4985, -0.4995}) {
            histogram.add(w, 2); // the page below: sparse
        }
        int page = LogAbsHistogram.magnitudePage(0.5);

        CellArrays both = new CellArrays(0);
        histogram.appendCellsOfPage(page, both);
        CellArrays negative = new CellArrays(0);
        histogram.appendNegativeCellsOfPage(page, negative);
        CellArrays positive = new CellArrays(0);
        histogram.appendPositiveCellsOfPage(page, positive);
        assertEquals(cellList(walk -> histogram.forEachCellOfPage(page, walk)), cellList(both::forEach));
        assertEquals(cellList(walk -> histogram.forEachNegativeCellOfPage(page, walk)), cellList(negative::forEach));
        assertEquals(cellList(walk -> histogram.forEachPositiveCellOfPage(page, walk)), cellList(positive::forEach));
        CellArrays sparse = new CellArrays(0);
        histogram.appendNegativeCellsOfPage(page - 1, sparse); // a page of three negative values
        assertEquals(cellList(walk -> histogram.forEachNegativeCellOfPage(page - 1, walk)), cellList(sparse::forEach));
        assertEquals(3, cells(sparse));
        assertEquals(cells(both), histogram.cellsOfPage(page, true, true));
        assertEquals(cells(negative), histogram.cellsOfPage(page, false, true));
        assertEquals(cells(positive), histogram.cellsOfPage(page, true, false));
        assertEquals(0, histogram.cellsOfPage(page + 1, true, true));

        histogram.add(0.5, MAX);
        histogram.add(0.5, MAX); // past the int range: spilled, and a page's worth is the bound
        assertEquals(1024, histogram.cellsOfPage(page, true, false));
    }

    /** Every cell a walk hands over, as its edges and count, in order. */
    private static java.util.List<String> cellList(Consumer<ValueCells.CellConsumer> walk) {
        java.util.List<String> cells = new java.util.ArrayList<>();
        walk.accept((low, high, count) -> cells.add(low + " " + high + " " + count));
        return cells;
    }

    private static int cells(CellArrays cells) {
        int[] count = {0};
        cells.forEach((low, high, n) -> count[0]++);
        return count[0];
    }

    /**
     * The count of each cell a walk hands over, by its edge nearer zero in w (the w counted, for these w,
     * which open their cells), from ln|w| rounded to 12 digits when the walk is over cells of ln|w|.
     */
    private static Map<Double, Long> lowerEdges(Consumer<ValueCells.CellConsumer> walk, boolean logarithmic) {
        Map<Double, Long> counts = new LinkedHashMap<>();
        walk.accept((low, high, count) -> counts.merge(
                logarithmic ? Math.round(Math.exp(low) * 1e12) / 1e12 : low < 0 ? high : low, count, Long::sum));
        return counts;
    }
}
