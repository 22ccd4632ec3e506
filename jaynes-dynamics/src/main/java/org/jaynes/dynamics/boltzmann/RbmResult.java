package org.jaynes.dynamics.boltzmann;

import java.util.List;

/**
 * A trained restricted Boltzmann machine and its learning curve.
 *
 * @param machine the machine (mutable: do not train it further if the curve must stay true)
 * @param options how it was trained
 * @param data    the training data's name, samples and size
 * @param samples training samples
 * @param epochs  epoch 0 (before training) and one entry per epoch
 */
public record RbmResult(RestrictedBoltzmannMachine machine, RbmOptions options, String data, int samples,
                        List<Epoch> epochs) {

    /**
     * The measures after an epoch, on the evaluation samples.
     *
     * @param epoch               0 before training
     * @param reconstructionError mean over samples and pixels of (v_i − P(v_i = 1 | h = P(h | v)))²
     * @param pseudoLikelihood    mean over samples of the pseudo-log-likelihood per visible unit (nats)
     */
    public record Epoch(int epoch, double reconstructionError, double pseudoLikelihood) {
    }

    public RbmResult {
        epochs = List.copyOf(epochs);
    }
}
