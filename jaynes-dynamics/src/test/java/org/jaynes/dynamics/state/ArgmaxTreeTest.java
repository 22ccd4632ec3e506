package org.jaynes.dynamics.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

class ArgmaxTreeTest {

    private static int scan(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Property(tries = 200)
    void argmaxAgreesWithALinearScanThroughUpdates(@ForAll @IntRange(min = 0, max = 9) int log2Size,
            @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] values = new double[1 << log2Size];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextInt(5); // many ties: the lower index must win
        }
        ArgmaxTree tree = new ArgmaxTree(values);
        for (int round = 0; round < 100; round++) {
            assertEquals(scan(values), tree.argmax(), Arrays.toString(values));
            int i = rng.nextInt(values.length);
            values[i] = rng.nextBoolean() ? rng.nextInt(5) : Double.NEGATIVE_INFINITY;
            tree.update(i);
        }
    }
}
