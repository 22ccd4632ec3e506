package org.jaynes.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** One definition of a population's analysis: the same values give the same numbers by every route. */
class PopulationAnalysisTest {

    private static float[] lognormal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian();
            values[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.exp(-3 + 0.8 * z));
        }
        return values;
    }

    @Test
    void valuesInMemoryAreAnalysedAsTheSameTensorInAModel() throws Exception {
        float[] values = lognormal(200_000, 5);
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        Tensor tensor = new Tensor("w", "w", Role.DENSE, Shape.of(400, 500), DType.F32, HeapBytes.of(bytes.array()));
        AnalysisOptions options = AnalysisOptions.DEFAULTS.withThreads(1);
        LayerResult inModel = new ModelAnalyzer(options).analyze(new Model("in-memory", ModelFormat.SAFETENSORS,
                List.of(tensor)), ProgressListener.NONE).layers().get(0);
        for (PopulationSummary summary : List.of(PopulationAnalysis.summarise(values),
                PopulationAnalysis.summarise(tensor, options))) {
            LayerResult alone = PopulationAnalysis.analyse(TensorInfo.of(tensor), summary, options);
            assertEquals(inModel.stats(), alone.stats());
            assertEquals(inModel.fits().best(), alone.fits().best());
            assertEquals(inModel.game().arbitrageGap(), alone.game().arbitrageGap());
            assertArrayEquals(inModel.lnQuantiles(), alone.lnQuantiles());
        }
    }

    @Test
    void aSummaryDoesNotChangeWithItsAccumulator() {
        StreamingAccumulator accumulator = new StreamingAccumulator(DType.F64);
        ByteBuffer one = ByteBuffer.allocate(8 * 3).order(ByteOrder.LITTLE_ENDIAN);
        one.putDouble(0.5).putDouble(-2).putDouble(3).flip();
        accumulator.accept(one);
        PopulationSummary summary = PopulationSummary.of(accumulator);
        long[] before = cellCount(summary);
        ByteBuffer more = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        more.putDouble(7).flip();
        accumulator.accept(more);
        assertArrayEquals(before, cellCount(summary));
        assertEquals(3, summary.fit().n());
    }

    private static long[] cellCount(PopulationSummary summary) {
        long[] counts = new long[2];
        summary.fit().cells().forEachCell((low, high, count) -> counts[0] += count);
        summary.fit().cells().forEachSignedCell((low, high, count) -> counts[1] += count);
        return counts;
    }
}
