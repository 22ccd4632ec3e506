package org.jaynes.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jaynes.nn.layer.Dense;
import org.jaynes.nn.layer.Parameter;
import org.jaynes.nn.tensor.MatrixProduct;
import org.junit.jupiter.api.Test;

/** Two steps of each rule against the formulas evaluated by hand in double (tolerance: float rounding). */
class OptimizerTest {

    private static Parameter parameter(float w, float g) {
        Dense dense = new Dense("p", 1, 1, 1, MatrixProduct.withThreads(1));
        dense.weight().values()[0] = w;
        dense.weight().gradient()[0] = g;
        return dense.weight();
    }

    @Test
    void sgdWithMomentumAndDecay() {
        Parameter p = parameter(1f, 0.5f);
        Optimizer sgd = new Optimizer(OptimizerOptions.of(OptimizerKind.SGD).withLearningRate(0.1)
                .withWeightDecay(0.01), List.of(p));
        sgd.step();
        double g1 = 0.5 + 0.01 * 1;
        double w1 = 1 - 0.1 * g1;
        assertEquals(w1, p.values()[0], 1e-6);
        sgd.step();
        double g2 = 0.5 + 0.01 * w1;
        double v2 = 0.9 * g1 + g2;
        assertEquals(w1 - 0.1 * v2, p.values()[0], 1e-6);
    }

    @Test
    void adamAndAdamW() {
        for (OptimizerKind kind : List.of(OptimizerKind.ADAM, OptimizerKind.ADAMW)) {
            Parameter p = parameter(1f, 0.5f);
            Optimizer adam = new Optimizer(OptimizerOptions.of(kind).withWeightDecay(0.1), List.of(p));
            double w = 1;
            double m = 0;
            double v = 0;
            for (int t = 1; t <= 2; t++) {
                adam.step();
                double g = kind == OptimizerKind.ADAM ? 0.5 + 0.1 * w : 0.5;
                if (kind == OptimizerKind.ADAMW) {
                    w *= 1 - 0.001 * 0.1;
                }
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                w -= 0.001 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
                assertEquals(w, p.values()[0], 1e-6, kind + " step " + t);
            }
        }
    }
}
