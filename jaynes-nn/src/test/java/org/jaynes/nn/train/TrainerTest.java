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
import org.jaynes.nn.optim.OptimizerKind;
import org.jaynes.nn.optim.OptimizerOptions;
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

    @Test
    void widthsThatDoNotMatchTheDataAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.run(TrainingOptions.DEFAULTS, TASK, TrainingListener.NONE));
        assertEquals("the layers 784,256,10 need 784 inputs and 10 classes, but the data teacher has 16 features "
                + "and 4 classes", e.getMessage());
    }
}
