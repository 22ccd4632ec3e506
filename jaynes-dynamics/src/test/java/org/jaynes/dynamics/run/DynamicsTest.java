package org.jaynes.dynamics.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.junit.jupiter.api.Test;

class DynamicsTest {

    @Test
    void labelsParseBack() {
        for (Dynamics dynamics : List.of(new Dynamics.BetterResponse(), new Dynamics.BestResponse(),
                new Dynamics.Logit(Dynamics.Logit.DEFAULT_TEMPERATURE), new Dynamics.Replicator(0.1))) {
            assertEquals(dynamics, Dynamics.parse(dynamics.label()));
            assertFalse(dynamics.rule().isEmpty());
        }
        assertEquals(new Dynamics.BestResponse(), Dynamics.parse("Best-Response"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dynamics.parse("annealing"));
        assertEquals("expected one of better-response, best-response, logit, replicator, not 'annealing'",
                e.getMessage());
    }

    @Test
    void parametersAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Dynamics.Logit(0));
        assertThrows(IllegalArgumentException.class, () -> new Dynamics.Logit(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Dynamics.Replicator(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Shock(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Shock(3, 0));
        assertThrows(IllegalArgumentException.class, () -> SimulationOptions.DEFAULTS.withAgents(0));
        assertThrows(IllegalArgumentException.class, () -> SimulationOptions.DEFAULTS.withTolerance(-1));
        assertTrue(new Dynamics.BetterResponse().agents());
        assertFalse(new Dynamics.Replicator(0.1).agents());
    }

    @Test
    void startingStatesAreSharesOnTheGrid() {
        GameParameters params = new GameParameters(12, 2, BinConvention.LOG);
        Bins bins = Bins.defaultFor(BinConvention.LOG, List.of(params));
        for (StartingState start : List.of(new StartingState.Uniform(), new StartingState.GaussianMagnitude(20),
                new StartingState.Given(ramp(bins.size())))) {
            double[] x = start.shares(bins);
            assertEquals(bins.size(), x.length);
            assertEquals(1, java.util.Arrays.stream(x).sum(), 1e-12, start.label());
        }
        // half-normal magnitudes of scale 20: the density of ln|w| peaks at |w| = s
        double[] gaussian = new StartingState.GaussianMagnitude(20).shares(bins);
        int peak = 0;
        for (int k = 1; k < gaussian.length; k++) {
            peak = gaussian[k] > gaussian[peak] ? k : peak;
        }
        assertEquals(Math.log(20), bins.lnStrength(peak), 0.06);
        assertThrows(IllegalArgumentException.class, () -> new StartingState.Given(new double[] {1, 2}).shares(bins));
        assertThrows(IllegalArgumentException.class, () -> new StartingState.Given(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new StartingState.GaussianMagnitude(-1));
    }

    private static double[] ramp(int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k;
        }
        return x;
    }
}
