package org.jaynes.nn.optim;

import org.jaynes.core.Checks;

/**
 * How parameters are updated; the defaults are PyTorch's. Immutable; change with the {@code with…} copies.
 *
 * @param kind         the rule
 * @param learningRate step size, positive
 * @param momentum     SGD's momentum in [0, 1)
 * @param beta1        Adam's first-moment decay in [0, 1)
 * @param beta2        Adam's second-moment decay in [0, 1)
 * @param epsilon      Adam's denominator guard, positive
 * @param weightDecay  non-negative; L2 in the gradient for SGD and Adam, decoupled for AdamW
 */
public record OptimizerOptions(OptimizerKind kind, double learningRate, double momentum, double beta1, double beta2,
                               double epsilon, double weightDecay) {

    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_ADAMW_DECAY = 0.01;

    public OptimizerOptions {
        Checks.positiveFinite("learning rate", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), not " + momentum);
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam's betas must be in [0, 1), not " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, not " + epsilon);
        }
        if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("weight decay must be non-negative and finite, not " + weightDecay);
        }
    }

    /** The defaults of {@code kind}: its usual learning rate, momentum 0.9, betas (0.9, 0.999), ε 1e-8,
     * weight decay 0 (0.01 for AdamW). */
    public static OptimizerOptions of(OptimizerKind kind) {
        return new OptimizerOptions(kind, kind.defaultLearningRate(), DEFAULT_MOMENTUM, 0.9, 0.999, 1e-8,
                kind == OptimizerKind.ADAMW ? DEFAULT_ADAMW_DECAY : 0);
    }

    public OptimizerOptions withLearningRate(double value) {
        return new OptimizerOptions(kind, value, momentum, beta1, beta2, epsilon, weightDecay);
    }

    public OptimizerOptions withMomentum(double value) {
        return new OptimizerOptions(kind, learningRate, value, beta1, beta2, epsilon, weightDecay);
    }

    public OptimizerOptions withWeightDecay(double value) {
        return new OptimizerOptions(kind, learningRate, momentum, beta1, beta2, epsilon, value);
    }
}
