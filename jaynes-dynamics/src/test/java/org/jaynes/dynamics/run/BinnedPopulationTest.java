package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.jaynes.core.stats.ValueCells;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.dynamics.game.Bins;
import org.junit.jupiter.api.Test;

class BinnedPopulationTest {

    /** Four bins at ln w = 0, 1, 2, 3: cells [-0.5, 0.5), [0.5, 1.5), [1.5, 2.5), [2.5, 3.5). */
    private static final Bins BINS = Bins.of(BinConvention.LOG, 4, 1, Math.exp(3));

    private static ValueCells cells(double[]... cells) {
        return new ValueCells() {
            @Override
            public void forEachCell(CellConsumer consumer) {
                for (double[] c : cells) {
                    consumer.accept(c[0], c[1], (long) c[2]);
                }
            }

            @Override
            public void forEachSignedCell(CellConsumer consumer) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double maxCellWidth() {
                return 1;
            }
        };
    }

    @Test
    void cellsSpreadOverTheBinsTheyOverlapAndTheRestIsOutside() {
        BinnedPopulation binned = BinnedPopulation.of(cells(
                new double[] {-1.5, -0.5, 7},   // wholly below the grid
                new double[] {0, 1, 10},         // half in bin 0, half in bin 1
                new double[] {2, 2, 4},          // one exact value, bin 2
                new double[] {3, 4, 8}), BINS);  // half in bin 3, half beyond
        double[] counts = binned.counts();
        double[] expected = {5, 5, 4, 4};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], counts[k], 1e-9, "bin " + k);
        }
        assertEquals(11, binned.outside(), 1e-9);
        assertEquals(11.0 / 29, binned.outsideShare(), 1e-12);
    }

    @Test
    void agentsAreWholeAndAddUpToM() {
        BinnedPopulation binned = BinnedPopulation.of(cells(new double[] {-0.5, 3.5, 3}), BINS);
        double[] start = ((StartingState.Given) binned.start(10)).weights();
        assertEquals(10, Arrays.stream(start).sum());
        assertEquals(List.of(3.0, 3.0, 2.0, 2.0), Arrays.stream(start).boxed().toList(), "largest remainder, ties low");
    }

    @Test
    void nothingOnTheGridIsRefused() {
        BinnedPopulation binned = BinnedPopulation.of(cells(new double[] {10, 11, 5}), BINS);
        assertThrows(IllegalArgumentException.class, () -> binned.start(100));
    }
}
