package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.jaynes.formats.testing.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the legacy files torch.save wrote ({@code tools/make_legacy_pytorch_fixtures.py}) and checks every
 * tensor against what torch held, bit for bit, and the analysis of each against numpy.
 */
class LegacyCheckpointTest {

    /**
     * mu and sigma: numpy sums the same stored values in float64 pairwise, jaynes exactly in compensated
     * blocks; they agree to about 1e-14, so 1e-9 relative only excludes real mistakes.
     */
    private static final double RELATIVE = 1e-9;

    private final PytorchReader reader = new PytorchReader();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"state_dict.pt", "checkpoint.pt", "protocol4.pt", "single.pt", "module.pt"})
    void everyTensorHoldsTorchsValuesBitForBit(String fixture) throws Exception {
        Path file = PytorchFixtures.legacy(fixture);
        Model model = reader.read(file);
        assertEquals(ModelFormat.PYTORCH, model.format());
        PytorchFixtures.assertMatches(PytorchFixtures.legacyExpected(fixture), model.tensors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"state_dict.pt", "checkpoint.pt", "protocol4.pt", "single.pt", "module.pt"})
    void muAndSigmaOfLnAbsWAreNumpys(String fixture) throws Exception {
        Map<String, Tensor> byName = byName(reader.read(PytorchFixtures.legacy(fixture)));
        Map<String, double[]> golden = PytorchFixtures.legacyLogStats(fixture);
        assertFalse(golden.isEmpty());
        for (Map.Entry<String, double[]> g : golden.entrySet()) {
            PopulationStats stats = PopulationAnalysis.summarise(byName.get(g.getKey()), AnalysisOptions.DEFAULTS).stats();
            assertEquals(g.getValue()[0], stats.mu(), RELATIVE * Math.abs(g.getValue()[0]), g.getKey() + " mu");
            assertEquals(g.getValue()[1], stats.sigma(), RELATIVE * g.getValue()[1], g.getKey() + " sigma");
        }
    }

    @Test
    void tiedWeightsAndViewsAreRegionsOfTheirStorage() throws Exception {
        Path file = PytorchFixtures.legacy("state_dict.pt");
        PytorchFixtures.assertSharedStorages(file, reader.read(file).tensors(),
                PytorchFixtures.legacyExpected("state_dict.pt"));
    }

    @Test
    void trainingCheckpointReadsOnlyItsStateDictButLocatesEveryStorage() throws Exception {
        // the optimizer's exp_avg is stored last: the model's storages are located past it or before it alike
        Model model = reader.read(PytorchFixtures.legacy("checkpoint.pt"));
        assertEquals(List.of("encoder.weight", "encoder.bias", "decoder.weight", "blocks.0", "blocks.1"),
                model.tensors().stream().map(Tensor::storedName).toList());
    }

    @Test
    void aTransposedViewIsRefusedInOneLine() throws Exception {
        Path file = PytorchFixtures.legacy("transposed.pt");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> reader.read(file));
        assertTrue(e.reason().startsWith("the object pickle byte "), e.reason());
        assertTrue(e.reason().endsWith(": tensor w: size [3, 4] with stride [1, 3] is not a contiguous row-major view; "
                + "jaynes reads contiguous tensors only (save t.contiguous())"), e.reason());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aWholeSavedModuleIsRefusedWithAHint() throws Exception {
        Path file = PytorchFixtures.legacy("whole_module.pt");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> reader.read(file));
        assertTrue(e.reason().startsWith("the object pickle byte "), e.reason());
        assertTrue(e.reason().contains("the pickle names the global torch.nn.modules.linear.Linear, which is not on "
                + "the allow-list"), e.reason());
        assertTrue(e.reason().endsWith("(a whole module was saved: save its state_dict() instead)"), e.reason());
    }

    @Test
    void recognizedByContentWhateverItsName() throws Exception {
        for (String fixture : List.of("state_dict.pt", "protocol4.pt")) {
            Path renamed = Files.copy(PytorchFixtures.legacy(fixture), dir.resolve("weights.data"));
            assertTrue(reader.recognizes(renamed, Resources.head(renamed)), fixture);
            Model model = ModelOpener.standard().open(renamed);
            PytorchFixtures.assertMatches(PytorchFixtures.legacyExpected(fixture), model.tensors());
            Files.delete(renamed);
        }
    }

    @Test
    void recognitionWantsTheWholePickledMagicNumber() {
        ByteBuffer magic = ByteBuffer.wrap(LegacyFile.MAGIC);
        assertTrue(LegacyCheckpoint.startsWithMagic(magic));
        byte[] other = LegacyFile.MAGIC.clone();
        other[13] = 0x18;
        assertFalse(LegacyCheckpoint.startsWithMagic(ByteBuffer.wrap(other)));
        assertFalse(LegacyCheckpoint.startsWithMagic(ByteBuffer.wrap(new byte[] {(byte) 0x80, 2, (byte) 0x8a})));
        byte[] protocol6 = LegacyFile.MAGIC.clone();
        protocol6[1] = 6;
        assertFalse(LegacyCheckpoint.startsWithMagic(ByteBuffer.wrap(protocol6)));
    }

    @Test
    void theOldFixtureOfTheZipScriptReadsToo() throws Exception {
        // tools/make_pytorch_fixtures.py wrote legacy.pt when jaynes refused the layout
        Model model = reader.read(PytorchFixtures.path("legacy.pt"));
        assertEquals(List.of("w"), model.tensors().stream().map(Tensor::storedName).toList());
        assertEquals(List.of(2L, 2L), java.util.Arrays.stream(model.tensors().get(0).shape().dims()).boxed().toList());
    }

    private static Map<String, Tensor> byName(Model model) {
        return model.tensors().stream().collect(Collectors.toMap(Tensor::storedName, Function.identity()));
    }
}
