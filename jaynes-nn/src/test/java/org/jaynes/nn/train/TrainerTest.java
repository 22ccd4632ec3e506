package org.jaynes.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.safetensors.SafetensorsReader;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.data.TeacherStudent;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.layer.Network;
import org.jaynes.nn.tensor.MatrixProduct;
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.optim.OptimizerOptions;
import org.jaynes.nn.warmup.WarmupRecord;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {

    private static final DataSplit TASK = TeacherStudent.generate(3);
    private static final TrainingOptions SMALL = TrainingOptions.DEFAULTS.withWidths(16, 64, 4).withEpochs(4);

    @TempDir
    Path dir;

    /** The teacher's labels are learned by every optimiser: the test loss halves and accuracy passes 88% (each
     * reaches about 0.90 with seed 3; chance is 0.25). */
    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void theTeacherTaskIsLearned(OptimizerKind kind) throws Exception {
        OptimizerOptions optimizer = OptimizerOptions.of(kind);
        if (kind == OptimizerKind.SGD) {
            optimizer = optimizer.withLearningRate(0.05);
        }
        TrainingResult run = Trainer.run(SMALL.withOptimizer(optimizer).withEpochs(10), TASK, TrainingListener.NONE);
        assertEquals(11, run.epochs().size());
        EpochRecord first = run.epochs().get(0);
        EpochRecord last = run.last();
        assertTrue(last.testLoss() < 0.5 * first.testLoss(), first.testLoss() + " -> " + last.testLoss());
        assertTrue(last.testAccuracy() > 0.88, kind + ": accuracy " + last.testAccuracy());
        assertTrue(run.epochs().get(1).trainLoss() > last.trainLoss());
        assertEquals(2, last.layers().size());
        assertEquals("layers.2.weight", last.layers().get(1).name());
    }

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void everyActivationAndInitialiserTrains(ActivationFunction activation) throws Exception {
        for (Initializer init : List.of(new Initializer.He(), new Initializer.Xavier(), new Initializer.Lognormal(1))) {
            TrainingResult run = Trainer.run(SMALL.withActivation(activation).withInitializer(init).withEpochs(2),
                    TASK, TrainingListener.NONE);
            assertTrue(run.last().testAccuracy() > 0.75, activation + " " + init + ": " + run.last().testAccuracy());
        }
    }

    /** The same seed gives the same weights bit for bit, on 1 thread or 3; another seed does not. */
    @Test
    void neuronOutputsOfEveryHiddenLayerAreMeasuredOnTheTestSet() throws Exception {
        TrainingResult run = Trainer.run(SMALL.withWidths(16, 32, 24, 4).withEpochs(1), TASK, TrainingListener.NONE);
        for (EpochRecord epoch : run.epochs()) {
            assertEquals(List.of("layers.0.relu", "layers.2.relu"),
                    epoch.outputs().stream().map(o -> o.outputs().name()).toList());
            var first = epoch.outputs().get(0);
            assertEquals((long) TASK.test().size() * 32, first.outputs().n());
            assertEquals(0, first.negatives(), "ReLU outputs are never negative");
            assertTrue(first.outputs().zeros() > 0 && first.outputs().zeros() < first.outputs().n(),
                    "some units are off, not all");
            assertTrue(first.outputs().sigma() > 0);
        }
    }

    @Test
    void theForwardPassHandsEachActivationLayerItsOutputs() {
        try (MatrixProduct product = MatrixProduct.withThreads(1)) {
            Network network = Network.mlp(new int[] {3, 2, 2}, ActivationFunction.TANH, 2, product);
            float[] w = network.denseLayers().get(0).weight().values();
            float[] b = network.denseLayers().get(0).bias().values();
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.1f * (i + 1) * (i % 2 == 0 ? 1 : -1);
            }
            b[0] = 0.5f;
            b[1] = -0.25f;
            float[] x = {1, 2, 3, -1, 0, 2};
            List<float[]> seen = new java.util.ArrayList<>();
            network.forward(x, 2, (a, values, length) -> {
                assertEquals(0, a);
                seen.add(java.util.Arrays.copyOf(values, length));
            });
            assertEquals(1, seen.size());
            assertEquals(List.of("layers.0.tanh"), network.activationNames());
            for (int r = 0; r < 2; r++) {
                for (int o = 0; o < 2; o++) {
                    double z = b[o];
                    for (int i = 0; i < 3; i++) {
                        z += w[o * 3 + i] * x[r * 3 + i];
                    }
                    assertEquals(Math.tanh(z), seen.get(0)[r * 2 + o], 1e-6);
                }
            }
        }
    }

    @Test
    void aFixedSeedReproducesARunBitForBit() throws Exception {
        TrainingOptions options = SMALL.withWidths(16, 48, 24, 4).withEpochs(2).withBatchSize(50);
        TrainingResult a = Trainer.run(options.withThreads(1), TASK, TrainingListener.NONE);
        TrainingResult b = Trainer.run(options.withThreads(3), TASK, TrainingListener.NONE);
        for (int i = 0; i < a.finalWeights().size(); i++) {
            assertArrayEquals(a.finalWeights().get(i), b.finalWeights().get(i), "layer " + i);
        }
        assertEquals(a.last().testLoss(), b.last().testLoss());
        assertEquals(a.last().layers(), b.last().layers());
        TrainingResult c = Trainer.run(options.withSeed(2), TASK, TrainingListener.NONE);
        assertFalse(java.util.Arrays.equals(a.finalWeights().get(0), c.finalWeights().get(0)));
    }

    /** Weights saved after chosen epochs are safetensors with PyTorch's names and shapes. */
    @Test
    void savedWeightsAreReadableSafetensors() throws Exception {
        TrainingResult run = Trainer.run(SMALL.withEpochs(2).withSaving(new TreeSet<>(List.of(0, 2)), dir), TASK,
                TrainingListener.NONE);
        assertTrue(run.epochs().get(0).saved().isPresent());
        assertTrue(run.epochs().get(1).saved().isEmpty());
        Path file = run.last().saved().orElseThrow();
        assertEquals(dir.resolve("epoch-2.safetensors"), file);
        Model model = new SafetensorsReader().read(file);
        List<String> names = model.tensors().stream().map(Tensor::storedName).toList();
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"), names);
        Tensor w = model.tensors().get(2);
        assertArrayEquals(new long[] {4, 64}, w.shape().dims());
        ByteBuffer bytes = w.data().window(0, 4 * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] read = new float[4 * 64];
        bytes.asFloatBuffer().get(read);
        assertArrayEquals(run.finalWeights().get(1), read);
    }

    /**
     * During a warm-up every weight is the lattice of its initial draw: same signs, same ranks, and
     * ln|w| = μ + σ Φ⁻¹((r + ½)/n) with the learned (μ, σ) (1e-5: float weights, float μ, σ and z).
     */
    @Test
    void warmupKeepsWeightsOnTheQuantileLattice() throws Exception {
        TrainingOptions options = SMALL.withInitializer(new Initializer.Lognormal(0.8)).withEpochs(1);
        TrainingResult drawn = Trainer.run(options.withEpochs(0), TASK, TrainingListener.NONE);
        TrainingResult warm = Trainer.run(options.withWarmupEpochs(1), TASK, TrainingListener.NONE);
        assertEquals(2, warm.warmup().size());
        NormalDistribution normal = NormalDistribution.of(0, 1);
        for (int l = 0; l < 2; l++) {
            float[] initial = drawn.finalWeights().get(l);
            float[] w = warm.finalWeights().get(l);
            WarmupRecord.LayerLaw start = warm.warmup().get(0).layers().get(l);
            WarmupRecord.LayerLaw law = warm.warmup().get(1).layers().get(l);
            int fanIn = l == 0 ? 16 : 64;
            assertEquals(0.5 * Math.log(2.0 / fanIn) - 0.64, start.mu(), 1e-6, "starts from the lognormal's law");
            assertEquals(0.8, start.sigma(), 1e-6);
            assertTrue(law.mu() != start.mu() && law.sigma() != start.sigma(), "the law learned: " + law);
            Integer[] order = new Integer[w.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer i) -> Math.abs(initial[i]))
                    .thenComparingInt(i -> i));
            for (int r = 0; r < w.length; r++) {
                int i = order[r];
                assertEquals(initial[i] < 0, w[i] < 0, "sign of " + i);
                double z = normal.inverseCumulativeProbability((r + 0.5) / w.length);
                assertEquals(law.mu() + law.sigma() * z, Math.log(Math.abs(w[i])), 1e-5, "rank " + r + " of layer " + l);
            }
        }
    }

    /**
     * Learning only (μ, σ) and the biases still lowers the teacher task's test loss, from a lognormal start
     * and from the fit of a He draw; free training afterwards moves the weights off the lattice.
     */
    @Test
    void theLossFallsDuringAWarmup() throws Exception {
        for (Initializer init : List.of(new Initializer.Lognormal(1), new Initializer.He())) {
            TrainingResult run = Trainer.run(SMALL.withInitializer(init).withEpochs(3).withWarmupEpochs(3), TASK,
                    TrainingListener.NONE);
            double before = run.epochs().get(0).testLoss();
            double after = run.last().testLoss();
            assertTrue(after < 0.9 * before, init.label() + ": test loss " + before + " -> " + after);
            assertEquals(4, run.warmup().size());
        }
        TrainingResult freed = Trainer.run(SMALL.withEpochs(2).withWarmupEpochs(1), TASK, TrainingListener.NONE);
        assertEquals(2, freed.warmup().size(), "records for epochs 0 and 1 only");
        WarmupRecord.LayerLaw law = freed.warmup().get(1).layers().get(0);
        double fitted = freed.last().layers().get(0).mu();
        assertTrue(Math.abs(fitted - law.mu()) > 1e-6, "free training moved the weights: " + fitted + " vs " + law);
    }

    /** K steps between records and one after the last step: ⌈steps/K⌉ records whose spans add up to every step. */
    @Test
    void trackEveryGivesOneRecordPerKStepsAndOneAtTheEnd() throws Exception {
        int stepsPerEpoch = (TeacherStudent.DEFAULT_TRAIN + 63) / 64;
        for (int k : new int[] {100, stepsPerEpoch, 1000}) {
            TrainingResult run = Trainer.run(SMALL.withEpochs(2).withTrackEvery(k), TASK, TrainingListener.NONE);
            int steps = 2 * stepsPerEpoch;
            assertEquals((steps + k - 1) / k, run.steps().size(), "K = " + k);
            StepRecord last = run.steps().get(run.steps().size() - 1);
            assertEquals(steps, last.step());
            assertEquals(2, last.epoch());
            assertEquals(stepsPerEpoch, last.stepInEpoch());
            assertEquals(steps, run.steps().stream().mapToInt(StepRecord::steps).sum());
            assertEquals(run.last().layers(), last.layers(), "the last step's weights are the last epoch's");
            for (StepRecord s : run.steps()) {
                assertEquals(2, s.layers().size());
                assertTrue(s.trainLoss() > 0 && s.trainLoss() < 2, "loss " + s.trainLoss());
            }
        }
        assertTrue(Trainer.run(SMALL.withEpochs(1), TASK, TrainingListener.NONE).steps().isEmpty());
    }

    /** Warm-up, fitted-style per-layer laws and step tracking reproduce bit for bit on 1 thread or 3. */
    @Test
    void theNewOptionsReproduceBitForBit() throws Exception {
        TrainingOptions options = SMALL.withWidths(16, 48, 24, 4).withEpochs(2).withWarmupEpochs(1).withTrackEvery(70)
                .withInitializer(new Initializer.Lognormal(0.9));
        TrainingResult a = Trainer.run(options.withThreads(1), TASK, TrainingListener.NONE);
        TrainingResult b = Trainer.run(options.withThreads(3), TASK, TrainingListener.NONE);
        for (int i = 0; i < a.finalWeights().size(); i++) {
            assertArrayEquals(a.finalWeights().get(i), b.finalWeights().get(i), "layer " + i);
        }
        assertEquals(a.steps(), b.steps());
        assertEquals(a.warmup(), b.warmup());
        assertEquals(a.last().testLoss(), b.last().testLoss());
    }

    @Test
    void aWarmupLongerThanTheRunIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SMALL.withEpochs(1).withWarmupEpochs(2));
        assertEquals("warm-up epochs must be in [0, 1], not 2", e.getMessage());
    }

    @Test
    void widthsThatDoNotMatchTheDataAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.run(TrainingOptions.DEFAULTS, TASK, TrainingListener.NONE));
        assertEquals("the layers 784,256,10 need 784 inputs and 10 classes, but the data teacher has 16 features "
                + "and 4 classes", e.getMessage());
    }
}
