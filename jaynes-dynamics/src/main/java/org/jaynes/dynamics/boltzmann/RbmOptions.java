package org.jaynes.dynamics.boltzmann;

import org.jaynes.core.Checks;

/**
 * How to train a restricted Boltzmann machine by contrastive divergence. Immutable; every default here.
 *
 * @param hidden       H ≥ 1
 * @param epochs       passes over the training data
 * @param batchSize    samples per gradient step
 * @param learningRate the step size ε &gt; 0
 * @param gibbsSteps   k ≥ 1 of CD-k (or of each persistent chain's advance)
 * @param persistent   persistent CD (Tieleman 2008): the negative chains carry over between batches
 * @param evaluation   samples (the first ones of the data) on which each epoch's reconstruction error and
 *                     pseudo-likelihood are measured
 * @param seed         the same seed gives the same machine, bit for bit
 */
public record RbmOptions(int hidden, int epochs, int batchSize, double learningRate, int gibbsSteps,
                         boolean persistent, int evaluation, long seed) {

    public static final RbmOptions DEFAULTS = new RbmOptions(64, 5, 20, 0.05, 1, false, 500, 1);

    public RbmOptions {
        if (hidden < 1 || epochs < 0 || batchSize < 1 || gibbsSteps < 1 || evaluation < 1) {
            throw new IllegalArgumentException("hidden units, batch size, Gibbs steps and evaluation samples must "
                    + "be at least 1 and epochs at least 0");
        }
        Checks.positiveFinite("the learning rate", learningRate);
    }

    public RbmOptions withHidden(int value) {
        return new RbmOptions(value, epochs, batchSize, learningRate, gibbsSteps, persistent, evaluation, seed);
    }

    public RbmOptions withEpochs(int value) {
        return new RbmOptions(hidden, value, batchSize, learningRate, gibbsSteps, persistent, evaluation, seed);
    }

    public RbmOptions withBatchSize(int value) {
        return new RbmOptions(hidden, epochs, value, learningRate, gibbsSteps, persistent, evaluation, seed);
    }

    public RbmOptions withLearningRate(double value) {
        return new RbmOptions(hidden, epochs, batchSize, value, gibbsSteps, persistent, evaluation, seed);
    }

    public RbmOptions withGibbsSteps(int value) {
        return new RbmOptions(hidden, epochs, batchSize, learningRate, value, persistent, evaluation, seed);
    }

    public RbmOptions withPersistent(boolean value) {
        return new RbmOptions(hidden, epochs, batchSize, learningRate, gibbsSteps, value, evaluation, seed);
    }

    public RbmOptions withEvaluation(int value) {
        return new RbmOptions(hidden, epochs, batchSize, learningRate, gibbsSteps, persistent, value, seed);
    }

    public RbmOptions withSeed(long value) {
        return new RbmOptions(hidden, epochs, batchSize, learningRate, gibbsSteps, persistent, evaluation, value);
    }

    /** "CD-k" or "PCD-k". */
    public String method() {
        return (persistent ? "PCD-" : "CD-") + gibbsSteps;
    }
}
