package org.jaynes.dynamics.run;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.ErfDifference;
import org.jaynes.core.Checks;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.state.Apportionment;

/**
 * Where the agents start, as shares over the bins (each kind starts from the same shares).
 */
public sealed interface StartingState {

    /** Shares over the bins, summing to 1. */
    double[] shares(Bins bins);

    /** The command-line and JSON spelling. */
    String label();

    /** Every bin alike. */
    record Uniform() implements StartingState {
        @Override
        public double[] shares(Bins bins) {
            double[] x = new double[bins.size()];
            Arrays.fill(x, 1.0 / bins.size());
            return x;
        }

        @Override
        public String label() {
            return "uniform";
        }
    }

    /**
     * The magnitudes of Gaussian weights N(0, s²), the usual initialisation: bin k gets the half-normal's
     * probability of its cell ({@link Bins#cellEdges}), renormalised over the grid (the law is truncated to
     * the grid's range).
     *
     * @param scale s &gt; 0
     */
    record GaussianMagnitude(double scale) implements StartingState {

        public GaussianMagnitude {
            Checks.positiveFinite("the Gaussian scale", scale);
        }

        @Override
        public double[] shares(Bins bins) {
            double[] edges = bins.cellEdges();
            double[] x = new double[bins.size()];
            double sum = 0;
            double root2 = Math.sqrt(2) * scale;
            for (int k = 0; k < x.length; k++) {
                x[k] = ErfDifference.value(edges[k] / root2, edges[k + 1] / root2);
                sum += x[k];
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("|N(0, " + scale + "^2)| puts no mass on the grid " + bins);
            }
            for (int k = 0; k < x.length; k++) {
                x[k] /= sum;
            }
            return x;
        }

        @Override
        public String label() {
            return "gaussian:" + scale;
        }
    }

    /**
     * Given shares (any non-negative weights, one per bin), e.g. a layer's histogram on the game's grid.
     *
     * @param weights one per bin
     */
    record Given(double[] weights) implements StartingState {

        public Given {
            weights = weights.clone();
            Apportionment.checkedSum(weights, "starting weight");
        }

        @Override
        public double[] shares(Bins bins) {
            if (weights.length != bins.size()) {
                throw new IllegalArgumentException("expected " + bins.size() + " starting weights, one per bin, not "
                        + weights.length);
            }
            double sum = Arrays.stream(weights).sum();
            return Arrays.stream(weights).map(w -> w / sum).toArray();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        @Override
        public String label() {
            return "given";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Given given && Arrays.equals(given.weights, weights);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(weights);
        }

        @Override
        public String toString() {
            return "Given" + Arrays.toString(weights);
        }
    }
}
