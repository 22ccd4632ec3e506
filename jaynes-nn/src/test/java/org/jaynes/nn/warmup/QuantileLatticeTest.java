package org.jaynes.nn.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.nn.init.SignedLognormal;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.layer.Dense;
import org.jaynes.nn.layer.Network;
import org.jaynes.nn.layer.Parameter;
import org.jaynes.nn.layer.SoftmaxCrossEntropy;
import org.jaynes.nn.tensor.MatrixProduct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The quantile lattice: positions, signs and magnitudes against golden quantiles (scipy, made by
 * tools/make_lattice_quantiles.py), and the chain-rule gradients of (μ, σ) against finite differences.
 */
class QuantileLatticeTest {

    private static final long SEED = 20251123L;
    private static final MatrixProduct PRODUCT = MatrixProduct.withThreads(2);

    @AfterAll
    static void close() {
        PRODUCT.close();
    }

    /** n → rank → z, from the golden file. */
    private static Map<Integer, Map<Integer, Double>> golden() throws IOException {
        Map<Integer, Map<Integer, Double>> quantiles = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                QuantileLatticeTest.class.getResourceAsStream("/warmup/lattice-quantiles.csv")),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                quantiles.computeIfAbsent(Integer.parseInt(f[0]), k -> new LinkedHashMap<>())
                        .put(Integer.parseInt(f[1]), Double.parseDouble(f[2]));
            }
        }
        return quantiles;
    }

    /** Positions sorted by |w| ascending, ties by position. */
    private static int[] ranks(float[] w) {
        return java.util.stream.IntStream.range(0, w.length).boxed()
                .sorted((a, b) -> Float.compare(Math.abs(w[a]), Math.abs(w[b])) != 0
                        ? Float.compare(Math.abs(w[a]), Math.abs(w[b])) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * The position of rank r gets z = Φ⁻¹((r + ½)/n) (to float precision, 1e-6) and keeps its sign, and
     * |w| = exp(μ + σ z) to float rounding (1e-6 in ln|w|).
     */
    @Test
    void eachPositionHoldsTheQuantileOfItsRankWithItsSign() throws IOException {
        SignedLognormal law = new SignedLognormal(-1.3, 0.6);
        for (Map.Entry<Integer, Map<Integer, Double>> entry : golden().entrySet()) {
            int n = entry.getKey();
            Parameter weight = Parameter.of("w", true, 1, n);
            new SignedLognormal(-2, 1).fill(weight.values(), RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + n));
            float[] initial = weight.values().clone();
            int[] order = ranks(initial);
            QuantileLattice lattice = QuantileLattice.of(weight, law);
            for (Map.Entry<Integer, Double> q : entry.getValue().entrySet()) {
                int i = order[q.getKey()];
                double z = q.getValue();
                String what = "n " + n + ", rank " + q.getKey() + " (seed " + (SEED + n) + ")";
                assertEquals(z, lattice.quantile(i), 1e-6, what);
                float w = weight.values()[i];
                assertEquals(initial[i] < 0, w < 0, what + ": sign");
                assertEquals(law.mu() + law.sigma() * z, Math.log(Math.abs(w)), 1e-6, what);
            }
        }
    }

    /** L of the network's cross-entropy, in double. */
    private static double loss(Network network, SoftmaxCrossEntropy loss, float[] input, int[] labels, int rows) {
        return loss.evaluate(network.forward(input, rows), labels, 0, rows).sum() / rows;
    }

    /**
     * dL/dμ = Σ g w and dL/dσ = Σ g w z against central differences with h = 1e-3 on (μ, σ); tolerance 1%
     * plus 1e-4 for the O(h²) error and float rounding of the outputs (1e-7 relative / h).
     */
    @Test
    void muAndSigmaGradientsAgreeWithFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 4;
        Network network = Network.mlp(new int[] {6, 5, 3}, ActivationFunction.TANH, rows, PRODUCT);
        List<QuantileLattice> lattices = new ArrayList<>();
        for (Dense layer : network.denseLayers()) {
            new SignedLognormal(-0.5, 0.7).fill(layer.weight().values(), RandomSource.XO_RO_SHI_RO_128_PP.create(SEED));
            for (int o = 0; o < layer.outputSize(); o++) {
                layer.bias().values()[o] = (float) (random.nextDouble() - 0.5);
            }
            lattices.add(QuantileLattice.of(layer.weight(), new SignedLognormal(-0.4, 0.8)));
        }
        float[] input = new float[rows * 6];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (random.nextDouble() * 2 - 1);
        }
        int[] labels = {2, 0, 1, 1};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3, rows);
        loss.lossAndGradient(network.forward(input, rows), labels, 0, rows);
        network.backward(loss.gradient(), rows);
        for (QuantileLattice lattice : lattices) {
            lattice.chainRule();
            float[] analytic = lattice.law().gradient().clone();
            for (int k = 0; k < 2; k++) {
                double numeric = centralDifference(lattice, k, () -> loss(network, loss, input, labels, rows));
                double tolerance = 1e-2 * Math.max(Math.abs(numeric), Math.abs(analytic[k])) + 1e-4;
                assertTrue(Math.abs(numeric - analytic[k]) <= tolerance, lattice.weight().name() + (k == 0 ? " dmu"
                        : " dsigma") + ": numeric " + numeric + ", analytic " + analytic[k] + " (seed " + SEED + ")");
            }
        }
    }

    private static double centralDifference(QuantileLattice lattice, int k, DoubleSupplier loss) {
        float[] law = lattice.law().values();
        float saved = law[k];
        double h = 1e-3;
        law[k] = (float) (saved + h);
        float up = law[k];
        lattice.materialize();
        double lossUp = loss.getAsDouble();
        law[k] = (float) (saved - h);
        float down = law[k];
        lattice.materialize();
        double lossDown = loss.getAsDouble();
        law[k] = saved;
        lattice.materialize();
        return (lossUp - lossDown) / ((double) up - down);
    }

    /** Steps move (μ, σ) but never a rank or a sign; magnitudes follow the current law. */
    @Test
    void warmupStepsKeepRanksAndSigns() {
        int rows = 8;
        Network network = Network.mlp(new int[] {6, 12, 3}, ActivationFunction.RELU, rows, PRODUCT);
        List<SignedLognormal> laws = new ArrayList<>();
        for (Dense layer : network.denseLayers()) {
            new SignedLognormal(-1, 0.5).fill(layer.weight().values(), RandomSource.XO_RO_SHI_RO_128_PP.create(SEED));
            laws.add(new SignedLognormal(-1, 0.5));
        }
        List<float[]> initial = network.denseLayers().stream().map(d -> d.weight().values().clone()).toList();
        DistributionWarmup warmup = DistributionWarmup.start(network.weightedLayers(), laws,
                org.jaynes.nn.optim.OptimizerOptions.of(org.jaynes.nn.optim.OptimizerKind.ADAM).withLearningRate(0.05));
        SplittableRandom random = new SplittableRandom(SEED);
        float[] input = new float[rows * 6];
        int[] labels = new int[rows];
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3, rows);
        for (int step = 0; step < 20; step++) {
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) random.nextGaussian();
            }
            for (int r = 0; r < rows; r++) {
                labels[r] = random.nextInt(3);
            }
            loss.lossAndGradient(network.forward(input, rows), labels, 0, rows);
            network.backward(loss.gradient(), rows);
            warmup.step();
        }
        for (int l = 0; l < initial.size(); l++) {
            QuantileLattice lattice = warmup.lattices().get(l);
            assertTrue(Math.abs(lattice.mu() + 1) > 1e-3 || Math.abs(lattice.sigma() - 0.5) > 1e-3, "the law moved");
            float[] w = lattice.weight().values();
            int[] before = ranks(initial.get(l));
            for (int r = 1; r < before.length; r++) {
                assertTrue(Math.abs(w[before[r - 1]]) <= Math.abs(w[before[r]]), "rank " + r + " of layer " + l);
            }
            for (int i = 0; i < w.length; i++) {
                assertEquals(initial.get(l)[i] < 0, w[i] < 0, "sign " + i);
                assertEquals(lattice.mu() + lattice.sigma() * lattice.quantile(i), Math.log(Math.abs(w[i])), 1e-6);
            }
        }
        WarmupRecord record = warmup.record(3);
        assertEquals(3, record.epoch());
        assertEquals(List.of("layers.0.weight", "layers.2.weight"), record.layers().stream()
                .map(WarmupRecord.LayerLaw::name).toList());
        assertEquals(warmup.lattices().get(1).sigma(), record.layers().get(1).sigma());
    }
}
