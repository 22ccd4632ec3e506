package org.jaynes.dynamics.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.junit.jupiter.api.Test;

class BinsTest {

    @Test
    void logAndLinearSpacing() {
        Bins log = Bins.of(BinConvention.LOG, 3, 1, 100);
        assertEquals(0, log.lnStrength(0));
        assertEquals(Math.log(10), log.lnStrength(1), 1e-15);
        assertEquals(Math.log(100), log.lnStrength(2));
        Bins linear = Bins.of(BinConvention.LINEAR, 3, 1, 101);
        assertEquals(51, linear.strength(1), 1e-12);
        assertEquals(101, linear.maxStrength(), 1e-12);
    }

    @Test
    void cellsTileTheRange() {
        for (BinConvention convention : BinConvention.values()) {
            Bins bins = Bins.of(convention, 17, 0.5, 20);
            double[] edges = bins.cellEdges();
            for (int k = 0; k < bins.size(); k++) {
                assertTrue(edges[k] < bins.strength(k) && bins.strength(k) < edges[k + 1], convention + " bin " + k);
            }
        }
    }

    /**
     * The default grid resolves the predicted lognormal: x* has its μ and σ to 1e-6 with bins equal in ln w
     * (the sums are spectrally accurate) and to 3.1e-4 with bins equal in w (worst case over this range,
     * found by a scan; the lower tail is what the linear grid resolves least).
     */
    @Property(tries = 40)
    void theDefaultGridCarriesTheLognormal(@ForAll @DoubleRange(min = -10, max = 30) double alpha,
            @ForAll @DoubleRange(min = 0.5, max = 10) double beta, @ForAll BinConvention convention) {
        GameParameters params = new GameParameters(alpha, beta, convention);
        Game game = Game.of(Bins.defaultFor(convention, List.of(params)), params);
        MagnitudeFit fit = game.equilibrium().fit(game.bins());
        double tolerance = convention == BinConvention.LOG ? 1e-6 : 1e-3;
        assertEquals(params.mu(), fit.mu(), tolerance);
        assertEquals(params.sigma(), fit.sigma(), tolerance);
    }

    @Test
    void badGridsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bins.of(BinConvention.LOG, 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Bins.of(BinConvention.LOG, 4, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Bins.of(BinConvention.LOG, 4, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Bins.of(BinConvention.LOG, 4, 1, Double.NaN));
    }
}
