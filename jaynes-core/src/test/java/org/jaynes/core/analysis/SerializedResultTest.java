package org.jaynes.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.Normalization;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * A population's analysis and the options it was made with cross a JVM boundary (Java serialisation, as
 * Spark ships them) whole: with and without their optional parts.
 */
class SerializedResultTest {

    @SuppressWarnings("unchecked")
    private static <T> T copied(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static LayerResult analysed(AnalysisOptions options) {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (Math.exp(-2 + 0.7 * random.nextGaussian()) * (random.nextBoolean() ? 1 : -1));
        }
        PopulationSummary summary = PopulationAnalysis.summarise(values);
        TensorInfo info = new TensorInfo("layer", "layer.weight", Role.DENSE, Shape.of(100, 200), DType.F32);
        Optional<LayerResult> baseline = options.baseline() == Baseline.GAUSSIAN
                ? Optional.of(PopulationAnalysis.analyse(info, summary, options)) : Optional.empty();
        return PopulationAnalysis.analyse(info, summary, options, baseline);
    }

    private static void assertSame(LayerResult expected, LayerResult actual) {
        assertEquals(expected.tensor(), actual.tensor());
        assertEquals(expected.stats(), actual.stats());
        assertEquals(expected.normalizedMu(), actual.normalizedMu());
        assertEquals(expected.r2(), actual.r2());
        assertEquals(expected.game().game(), actual.game().game());
        assertArrayEquals(expected.game().utilities(), actual.game().utilities());
        assertEquals(expected.game().arbitrageGap(), actual.game().arbitrageGap());
        assertEquals(expected.fits(), actual.fits());
        assertArrayEquals(expected.histogram().lnEdges(), actual.histogram().lnEdges());
        assertArrayEquals(expected.histogram().counts(), actual.histogram().counts());
        assertArrayEquals(expected.lnQuantiles(), actual.lnQuantiles());
        assertEquals(expected.baseline().isPresent(), actual.baseline().isPresent());
        if (expected.baseline().isPresent()) {
            assertSame(expected.baseline().get(), actual.baseline().get());
        }
    }

    @Test
    void aLayerResultWithOrWithoutItsBaselineIsTheSameAfterSerialisation() throws Exception {
        LayerResult plain = analysed(AnalysisOptions.DEFAULTS);
        LayerResult withBaseline = analysed(AnalysisOptions.DEFAULTS.withBaseline(Baseline.GAUSSIAN));
        assertTrue(plain.fits().best().isPresent());
        assertTrue(withBaseline.baseline().isPresent());

        assertSame(plain, copied(plain));
        assertSame(withBaseline, copied(withBaseline));
    }

    @Test
    void aFitComparisonWithNoBestLawKeepsItsEmptyBest() throws Exception {
        FitComparison nothing = FitComparison.of(PopulationAnalysis.summarise(new float[] {1f}).fit());
        assertEquals(Optional.empty(), nothing.best());
        assertEquals(nothing, copied(nothing));
    }

    @Test
    void optionsKeepTheirPatternsOrTheirAbsence() throws Exception {
        AnalysisOptions selected = AnalysisOptions.DEFAULTS.withInclude(Pattern.compile("^encoder\\."))
                .withNormalization(Normalization.values()[Normalization.values().length - 1]).withSeed(9);
        AnalysisOptions copy = copied(selected);
        assertEquals(selected.include().map(Pattern::pattern), copy.include().map(Pattern::pattern));
        assertEquals(Optional.empty(), copy.exclude());
        assertEquals(selected.withInclude(null), copy.withInclude(null));
        assertEquals(AnalysisOptions.DEFAULTS, copied(AnalysisOptions.DEFAULTS));
    }
}
