package org.jaynes.dynamics.boltzmann;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Trains a {@link RestrictedBoltzmannMachine} by contrastive divergence (Hinton 2002,
 * doi:10.1162/089976602760128018), CD-k, or persistent CD (Tieleman 2008, doi:10.1145/1390156.1390290).
 * Example:
 * <pre>{@code
 * BinaryData data = BarsAndStripes.generate(4, 1000, RandomSource.XO_RO_SHI_RO_128_PP.create(1));
 * RbmResult r = RbmTraining.train(data, RbmOptions.DEFAULTS.withHidden(16).withEpochs(20), RbmTraining.Progress.NONE);
 * }</pre>
 * Per mini-batch of B samples: positive statistics v₀ P(h | v₀)ᵀ; negative statistics v_k P(h | v_k)ᵀ after k
 * alternating Gibbs steps started from the data (CD) or from the persistent chains (PCD, B chains started at
 * the first samples); ΔW = ε (pos − neg) / B, and likewise for the biases. The Gibbs steps of the hidden
 * layer given the visible one are exactly logit responses of the neuron game at T = 1.
 *
 * <p>Initialisation (Hinton 2010, "A practical guide to training RBMs"): W ~ N(0, 0.01²) by Box–Muller,
 * a_i = ln(p_i / (1 − p_i)) of the data's mean p_i clipped to [0.001, 0.999], b = 0. Samples are visited in a
 * fresh random order each epoch. One XoRoShiRo128++ generator seeded by the options: the same data and
 * options give the same machine, bit for bit. Cost per sample and Gibbs step: about 3 V H multiply-adds and
 * V + H exponentials; single-threaded, no allocation inside the epoch loop.
 */
public final class RbmTraining {

    /** Called after every epoch. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (epoch, total) -> { };

        void epoch(RbmResult.Epoch epoch, int total);
    }

    private static final double INIT_SCALE = 0.01;
    private static final double CLIP = 0.001;

    private RbmTraining() {
    }

    public static RbmResult train(BinaryData data, RbmOptions options, Progress progress) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed());
        int v = data.columns();
        int h = options.hidden();
        RestrictedBoltzmannMachine rbm = new RestrictedBoltzmannMachine(v, h);
        initialise(rbm, data, rng);
        BinaryData evaluation = data.head(options.evaluation());
        List<RbmResult.Epoch> epochs = new ArrayList<>();
        epochs.add(evaluate(rbm, evaluation, 0));
        progress.epoch(epochs.get(0), options.epochs());

        int batch = Math.min(options.batchSize(), data.rows());
        double[] gradW = new double[v * h];
        double[] gradA = new double[v];
        double[] gradB = new double[h];
        double[] v0 = new double[v];
        double[] ph0 = new double[h];
        double[] hs = new double[h];
        double[] pv = new double[v];
        double[] vk = new double[v];
        double[] phk = new double[h];
        double[][] chains = options.persistent() ? new double[batch][v] : null;
        if (chains != null) {
            for (int c = 0; c < batch; c++) {
                data.copyRow(c % data.rows(), chains[c]);
            }
        }
        int[] order = new int[data.rows()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            PermutationSampler.shuffle(rng, order);
            for (int start = 0; start + batch <= order.length; start += batch) {
                java.util.Arrays.fill(gradW, 0);
                java.util.Arrays.fill(gradA, 0);
                java.util.Arrays.fill(gradB, 0);
                for (int b = 0; b < batch; b++) {
                    data.copyRow(order[start + b], v0);
                    rbm.hiddenProbabilities(v0, ph0);
                    accumulate(gradW, gradA, gradB, v0, ph0, 1, h);
                    double[] chain = chains == null ? v0 : chains[b];
                    System.arraycopy(chain, 0, vk, 0, v);
                    if (chains == null) {
                        System.arraycopy(ph0, 0, phk, 0, h);
                    } else {
                        rbm.hiddenProbabilities(vk, phk);
                    }
                    for (int step = 0; step < options.gibbsSteps(); step++) {
                        sample(phk, hs, rng);
                        rbm.visibleProbabilities(hs, pv);
                        sample(pv, vk, rng);
                        rbm.hiddenProbabilities(vk, phk);
                    }
                    if (chains != null) {
                        System.arraycopy(vk, 0, chains[b], 0, v);
                    }
                    accumulate(gradW, gradA, gradB, vk, phk, -1, h);
                }
                double step = options.learningRate() / batch;
                for (int k = 0; k < gradW.length; k++) {
                    rbm.weights[k] += step * gradW[k];
                }
                for (int i = 0; i < v; i++) {
                    rbm.visibleBias[i] += step * gradA[i];
                }
                for (int j = 0; j < h; j++) {
                    rbm.hiddenBias[j] += step * gradB[j];
                }
            }
            RbmResult.Epoch measured = evaluate(rbm, evaluation, epoch);
            epochs.add(measured);
            progress.epoch(measured, options.epochs());
        }
        return new RbmResult(rbm, options, data.name(), data.rows(), epochs);
    }

    /** grad += sign · (v pᵀ, v, p); v is binary, so only its active rows are touched. */
    private static void accumulate(double[] gradW, double[] gradA, double[] gradB, double[] v, double[] p, int sign,
                                   int h) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                gradA[i] += sign;
                int row = i * h;
                for (int j = 0; j < h; j++) {
                    gradW[row + j] += sign * p[j];
                }
            }
        }
        for (int j = 0; j < h; j++) {
            gradB[j] += sign * p[j];
        }
    }

    private static void sample(double[] probabilities, double[] out, UniformRandomProvider rng) {
        for (int k = 0; k < out.length; k++) {
            out[k] = rng.nextDouble() < probabilities[k] ? 1 : 0;
        }
    }

    private static void initialise(RestrictedBoltzmannMachine rbm, BinaryData data, UniformRandomProvider rng) {
        for (int k = 0; k < rbm.weights.length; k += 2) {
            double radius = INIT_SCALE * StrictMath.sqrt(-2 * StrictMath.log(1 - rng.nextDouble()));
            double angle = 2 * Math.PI * rng.nextDouble();
            rbm.weights[k] = radius * StrictMath.cos(angle);
            if (k + 1 < rbm.weights.length) {
                rbm.weights[k + 1] = radius * StrictMath.sin(angle);
            }
        }
        for (int i = 0; i < rbm.visible(); i++) {
            long on = 0;
            for (int r = 0; r < data.rows(); r++) {
                on += data.bit(r, i);
            }
            double p = Math.max(CLIP, Math.min(1 - CLIP, on / (double) data.rows()));
            rbm.visibleBias[i] = StrictMath.log(p / (1 - p));
        }
    }

    /** Reconstruction error and pseudo-likelihood on the evaluation samples, deterministically (mean field). */
    static RbmResult.Epoch evaluate(RestrictedBoltzmannMachine rbm, BinaryData data, int epoch) {
        double[] v0 = new double[rbm.visible()];
        double[] ph = new double[rbm.hidden()];
        double[] pv = new double[rbm.visible()];
        double error = 0;
        double pseudo = 0;
        for (int r = 0; r < data.rows(); r++) {
            data.copyRow(r, v0);
            rbm.hiddenProbabilities(v0, ph);
            rbm.visibleProbabilities(ph, pv);
            double e = 0;
            for (int i = 0; i < v0.length; i++) {
                double d = v0[i] - pv[i];
                e += d * d;
            }
            error += e / v0.length;
            pseudo += rbm.pseudoLogLikelihood(v0, ph);
        }
        return new RbmResult.Epoch(epoch, error / data.rows(), pseudo / data.rows());
    }
}
