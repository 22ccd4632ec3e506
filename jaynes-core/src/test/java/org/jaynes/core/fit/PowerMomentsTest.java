package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.core.stats.StoredValues;
import org.junit.jupiter.api.Test;

/** Power moments against direct sums, centred in a second pass; seeds drawn by jqwik, repeated in messages. */
class PowerMomentsTest {

    @Property(tries = 100)
    void matchDirectSums(@ForAll @DoubleRange(min = 0.05, max = 40) double k, @ForAll long seed) {
        UniformRandomProvider rng = StoredValues.random(seed);
        int cells = 500;
        double[] u = new double[cells];
        long[] count = new long[cells];
        double max = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (int i = 0; i < cells; i++) {
            u[i] = -4 + 3 * rng.nextDouble();
            count[i] = 1 + rng.nextInt(1000);
            max = Math.max(max, u[i]);
            n += count[i];
        }
        PowerMoments.Accumulator sums = new PowerMoments.Accumulator(k, max);
        for (int i = 0; i < cells; i++) {
            sums.add(u[i], count[i]);
        }
        PowerMoments moments = sums.result(n);
        // oracle: weights e^(k(u − max)) summed directly, then centred moments in a second pass
        double weight = 0;
        double first = 0;
        for (int i = 0; i < cells; i++) {
            double w = count[i] * Math.exp(k * (u[i] - max));
            weight += w;
            first += w * u[i];
        }
        double mean = first / weight;
        double second = 0;
        for (int i = 0; i < cells; i++) {
            second += count[i] * Math.exp(k * (u[i] - max)) * (u[i] - mean) * (u[i] - mean);
        }
        String context = String.format(Locale.ROOT, "seed %d, k %.17g", seed, k);
        assertEquals(k * max + Math.log(weight / n), moments.lnMeanPower(), 1e-13 * Math.max(1, k * Math.abs(max)), context);
        assertEquals(mean, moments.tiltedMean(), 1e-13, context);
        assertEquals(second / weight, moments.tiltedVariance(), 1e-10 * second / weight + 1e-15, context);
    }

    @Test
    void cumulantExpansionIsThirdOrder() {
        // u uniform on 20 points in [-1, 1]: ln mean x^(k+δ) against the expansion about k
        double k = 1.5;
        PowerMoments at = moments(k);
        for (double delta : new double[] {1e-2, 1e-3, 1e-4}) {
            double exact = moments(k + delta).lnMeanPower();
            assertEquals(exact, at.lnMeanPowerAt(delta), 0.2 * delta * delta * delta + 1e-15, "delta " + delta);
        }
    }

    private static PowerMoments moments(double k) {
        PowerMoments.Accumulator sums = new PowerMoments.Accumulator(k, 1);
        for (int i = 0; i < 20; i++) {
            sums.add(-1 + 2 * i / 19.0, 3);
        }
        return sums.result(60);
    }
}
