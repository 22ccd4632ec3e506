package org.jaynes.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.WritableTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fitted initialiser on safetensors models written here with known laws. Sampling error of the ML fit
 * from n draws: sd(μ̂) = σ/√n, sd(σ̂) ≈ σ/√(2n); the tolerances are 5 of those, so a correct fit fails with
 * probability below 1e-6 (seeds fixed, printed on failure).
 */
class FittedSourceTest {

    private static final long SEED = 8;

    @TempDir
    Path dir;

    private record Spec(String name, int rows, int cols, double mu, double sigma) {
    }

    /** A BERT-like model: an embedding, an MLP up and down projection, a classifier. */
    private static final List<Spec> BERT_LIKE = List.of(
            new Spec("embeddings.word_embeddings.weight", 100, 48, 0.0, 2.0),
            new Spec("encoder.layer.0.intermediate.dense.weight", 96, 48, -3.0, 0.7),
            new Spec("encoder.layer.0.output.dense.weight", 48, 96, -2.5, 1.2),
            new Spec("classifier.weight", 10, 48, -1.5, 0.5));

    private Path write(String file, List<Spec> specs) throws IOException {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        List<WritableTensor> tensors = new ArrayList<>();
        for (Spec s : specs) {
            float[] values = new float[s.rows() * s.cols()];
            new SignedLognormal(s.mu(), s.sigma()).fill(values, rng);
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            tensors.add(WritableTensor.of(s.name(), DType.F32, Shape.of(s.rows(), s.cols()),
                    HeapBytes.of(bytes.array())));
        }
        Path path = dir.resolve(file);
        SafetensorsWriter.write(path, tensors);
        return path;
    }

    private static void assertFit(double mu, double sigma, long n, double fittedMu, double fittedSigma, String what) {
        assertEquals(mu, fittedMu, 5 * sigma / Math.sqrt(n), what + " mu (seed " + SEED + ")");
        assertEquals(sigma, fittedSigma, 5 * sigma / Math.sqrt(2.0 * n), what + " sigma (seed " + SEED + ")");
    }

    @Test
    void everyPopulationIsFittedWithItsRole() throws Exception {
        FittedSource source = FittedSource.analyze(write("bert.safetensors", BERT_LIKE));
        assertEquals(4, source.layers().size());
        List<Role> roles = source.layers().stream().map(FittedSource.SourceLayer::role).toList();
        assertEquals(List.of(Role.EMBEDDING, Role.MLP_UP, Role.MLP_DOWN, Role.OUTPUT_HEAD), roles);
        for (int i = 0; i < BERT_LIKE.size(); i++) {
            Spec s = BERT_LIKE.get(i);
            FittedSource.SourceLayer l = source.layers().get(i);
            assertEquals(s.rows() * s.cols(), l.n());
            assertFit(s.mu(), s.sigma(), l.n(), l.mu(), l.sigma(), s.name());
        }
    }

    /** Hidden layers cycle over the MLP projections; the output takes the classifier; the embedding is never used. */
    @Test
    void hiddenLayersTakeTheMlpProjectionsAndTheOutputTheClassifier() throws Exception {
        FittedSource source = FittedSource.analyze(write("bert.safetensors", BERT_LIKE));
        List<String> matched = source.match(4).stream().map(FittedSource.SourceLayer::name).toList();
        assertEquals(List.of("encoder.layer.0.intermediate.dense", "encoder.layer.0.output.dense",
                "encoder.layer.0.intermediate.dense", "classifier"), matched);
        assertEquals(List.of("classifier"), source.match(1).stream().map(FittedSource.SourceLayer::name).toList());
    }

    /** A model saved by jaynes train has only dense roles: layer i from its layer i, the output from its output. */
    @Test
    void aModelWithoutRolesIsMatchedInOrder() throws Exception {
        FittedSource source = FittedSource.analyze(write("mlp.safetensors", List.of(
                new Spec("layers.0.weight", 64, 16, -2.0, 0.9), new Spec("layers.2.weight", 32, 64, -2.2, 0.8),
                new Spec("layers.4.weight", 4, 64, -1.0, 0.6))));
        assertEquals(List.of("layers.0", "layers.2", "layers.4"),
                source.match(3).stream().map(FittedSource.SourceLayer::name).toList());
        assertEquals(List.of("layers.0", "layers.2", "layers.0", "layers.4"),
                source.match(4).stream().map(FittedSource.SourceLayer::name).toList());
    }

    /** Draws of the fitted initialiser follow the source layer's fit: its σ always, its μ under the source rule. */
    @Test
    void drawsMatchTheSourceLayersMuAndSigma() throws Exception {
        FittedSource source = FittedSource.analyze(write("bert.safetensors", BERT_LIKE));
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        for (FittedMu rule : FittedMu.values()) {
            Initializer.Fitted fitted = new Initializer.Fitted(source, rule);
            for (int layer = 0; layer < 3; layer++) {
                LayerPosition position = new LayerPosition(layer, 3, 200, 100);
                FittedSource.SourceLayer from = fitted.sources(3).get(layer);
                float[] w = new float[200 * 100];
                fitted.fill(w, position, rng);
                SignedLognormal drawn = SignedLognormal.fit(w);
                double mu = rule == FittedMu.SOURCE ? from.mu() : 0.5 * Math.log(2.0 / 200) - from.sigma() * from.sigma();
                assertFit(mu, from.sigma(), w.length, drawn.mu(), drawn.sigma(), rule + " layer " + layer);
                long negative = 0;
                for (float v : w) {
                    negative += v < 0 ? 1 : 0;
                }
                assertEquals(0.5, (double) negative / w.length, 5 * 0.5 / Math.sqrt(w.length), "random signs");
            }
        }
    }

    /** Without the layer's place a fitted draw cannot know its source layer, so it refuses. */
    @Test
    void aDrawWithoutThePlaceIsRefused() throws Exception {
        Initializer.Fitted fitted = new Initializer.Fitted(FittedSource.analyze(write("bert.safetensors", BERT_LIKE)),
                FittedMu.HE);
        assertThrows(IllegalStateException.class, () -> fitted.fill(new float[4], 2, 2,
                RandomSource.XO_RO_SHI_RO_128_PP.create(SEED)));
        assertEquals(2.0 / 48, fitted.meanSquare(48, 10), 1e-15, "He's E[w^2] under the he rule");
        assertEquals(2.0 / 48, fitted.lawAt(new LayerPosition(0, 2, 48, 10)).meanSquare(), 1e-12);
    }

    @Test
    void aFileThatIsNoModelIsOneLine() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a model", StandardCharsets.UTF_8);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> FittedSource.analyze(text));
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aModelWithNothingToFitIsRefused() throws Exception {
        Path small = write("small.safetensors", List.of(new Spec("layers.0.weight", 4, 8, -1, 1)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> FittedSource.analyze(small));
        assertEquals(small + ": no weight tensor of rank 2 or more with at least 256 values and a positive sigma of "
                + "ln|w| to fit", e.getMessage());
    }
}
