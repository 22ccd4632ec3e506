package org.jaynes.dynamics.run;

import java.util.ArrayList;
import java.util.List;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Equilibrium;
import org.jaynes.dynamics.game.MagnitudeFit;

/**
 * The monitors of {@link Snapshot} from the shares of a state: O(kinds · K), no allocation beyond the
 * result. Utilities h^t_k = u^t_k − ln ξ_k differ from u − ln M_k by the constant ln M, which neither the
 * spread nor the gap sees.
 */
final class Monitors {

    private final Bins bins;
    private final double[][] utilities;
    private final Equilibrium equilibrium;

    Monitors(Bins bins, double[][] utilities, Equilibrium equilibrium) {
        this.bins = bins;
        this.utilities = utilities;
        this.equilibrium = equilibrium;
    }

    Snapshot snapshot(double time, long moves, double potential, double[][] shares) {
        int kinds = shares.length;
        double[] total = new double[bins.size()];
        for (double[] kind : shares) {
            for (int k = 0; k < total.length; k++) {
                total[k] += kind[k];
            }
        }
        double spread = 0;
        for (int t = 0; t < kinds; t++) {
            double mass = 0;
            double mean = 0;
            for (int k = 0; k < total.length; k++) {
                if (shares[t][k] > 0) {
                    mass += shares[t][k];
                    mean += shares[t][k] * (utilities[t][k] - StrictMath.log(total[k]));
                }
            }
            mean /= mass;
            for (int k = 0; k < total.length; k++) {
                if (shares[t][k] > 0) {
                    double d = utilities[t][k] - StrictMath.log(total[k]) - mean;
                    spread += shares[t][k] * d * d;
                }
            }
        }
        double strength = 0;
        for (int k = 0; k < total.length; k++) {
            strength += total[k] * bins.strength(k);
        }
        List<MagnitudeFit> kindFits = new ArrayList<>();
        if (kinds > 1) {
            for (double[] kind : shares) {
                kindFits.add(MagnitudeFit.of(bins, kind));
            }
        }
        return new Snapshot(time, moves, potential, equilibrium.arbitrageGap(utilities, shares), Math.sqrt(spread),
                strength, MagnitudeFit.of(bins, total), kindFits);
    }
}
