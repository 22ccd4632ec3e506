package org.jaynes.dynamics.hopfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaynes.dynamics.neurons.Relaxation;
import org.jaynes.dynamics.neurons.UpdateOrder;
import org.junit.jupiter.api.Test;

class RecallTest {

    /** The issue's experiment: N = 200, P = 20 (load 0.1), 10 % of the bits flipped: every pattern returns. */
    @Test
    void theIssuesExperimentRecallsEveryPattern() {
        RecallResult result = Recall.run(RecallOptions.DEFAULTS);
        assertEquals(20, result.probes().size());
        assertEquals(0.8, result.meanStartOverlap(), 1e-12); // exactly 20 of 200 bits flipped
        assertEquals(1.0, result.recallRate());
        assertTrue(result.meanFinalOverlap() > 0.98, "overlap " + result.meanFinalOverlap());
        for (Probe probe : result.probes()) {
            double[] trace = probe.relaxation().energyTrace();
            for (int k = 1; k < trace.length; k++) {
                assertTrue(trace[k] <= trace[k - 1] + 1e-9, "the energy rose");
            }
            assertEquals(Relaxation.End.FIXED_POINT, probe.relaxation().end());
        }
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        RecallOptions options = RecallOptions.DEFAULTS.withPatterns(30).withNoise(0.2);
        RecallResult a = Recall.run(options);
        RecallResult b = Recall.run(options);
        for (int k = 0; k < a.probes().size(); k++) {
            assertEquals(a.probes().get(k).finalOverlap(), b.probes().get(k).finalOverlap(), 0.0);
        }
        RecallResult c = Recall.run(options.withSeed(2));
        assertTrue(a.meanFinalOverlap() != c.meanFinalOverlap() || a.meanSweeps() != c.meanSweeps());
    }

    @Test
    void synchronousRecallAlsoWorksBelowCapacity() {
        RecallResult result = Recall.run(RecallOptions.DEFAULTS.withOrder(UpdateOrder.SYNCHRONOUS));
        assertEquals(1.0, result.recallRate());
    }

    /**
     * The Hebbian capacity: recall is near perfect at load 0.06 and fails at 0.24; the rate crosses ½ between
     * 0.1 and 0.2 for N = 300 and below 0.25 for N = 100 (the N → ∞ limit is 0.138; small networks are more
     * forgiving: finite-size crosstalk fluctuations let more patterns keep an overlap ≥ 0.9).
     * The pseudo-inverse rule still recalls at 0.24.
     */
    @Test
    void recallFallsThroughTheHebbianCapacity() {
        CapacityOptions options = CapacityOptions.DEFAULTS.withSizes(List.of(100, 300))
                .withLoads(List.of(0.06, 0.10, 0.14, 0.18, 0.24)).withTrials(40);
        CapacityResult hebbian = Capacity.run(options, Capacity.Progress.NONE);
        for (int n : List.of(100, 300)) {
            List<CapacityResult.Point> curve = hebbian.points().stream().filter(p -> p.neurons() == n).toList();
            assertTrue(curve.get(0).recallRate() >= 0.95, "N = " + n + ": " + curve.get(0));
            assertTrue(curve.get(4).recallRate() <= 0.2, "N = " + n + ": " + curve.get(4));
            double critical = hebbian.criticalLoad(n).orElseThrow();
            assertTrue(critical > 0.1 && critical < (n == 100 ? 0.25 : 0.2), "N = " + n + ": critical load " + critical);
        }
        CapacityResult projection = Capacity.run(options.withStorage(Storage.PSEUDO_INVERSE).withSizes(List.of(100))
                .withLoads(List.of(0.24)), Capacity.Progress.NONE);
        assertEquals(1.0, projection.points().get(0).fixedPatternRate());
        assertTrue(projection.points().get(0).recallRate() >= 0.95, projection.points().get(0).toString());
    }
}
