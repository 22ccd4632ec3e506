package org.jaynes.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.Fit;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.stats.StoredValues;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What the two reads of an f32 tensor give against the one-pass fine histogram over the same values:
 * the same lognormal KS and bound; every other law's KS within the two bounds; and a law that fits to
 * within the sampling noise (the half-normal on Gaussian weights) left on coarse cells, whose wider bound
 * still holds the fine answer.
 */
class RefinementPlacesTest {

    @Test
    void gaussianWeightsKeepEveryKsWithinItsBound() throws IOException {
        double[] values = StoredValues.gaussian(StoredValues.random(77), 1 << 20, 0.02);
        StoredValues data = StoredValues.of(DType.F32, values);
        Tensor tensor = new Tensor("w", "w", Role.DENSE, Shape.of(1024, 1024), DType.F32, HeapBytes.of(data.bytes()));
        LayerResult layer = new ModelAnalyzer(AnalysisOptions.DEFAULTS)
                .analyze(new Model("in-memory", ModelFormat.SAFETENSORS, List.of(tensor)), ProgressListener.NONE)
                .layers().get(0);
        StreamingAccumulator oneRead = new StreamingAccumulator(DType.F32);
        oneRead.accept(data.buffer());
        FitComparison fine = FitComparison.of(oneRead.fitInput());

        assertEquals(oneRead.result().ks(), layer.stats().ks(), "the lognormal's KS, refined where it matters");
        assertEquals(oneRead.result().ksErrorBound(), layer.stats().ksErrorBound());
        for (Family family : Family.values()) {
            Fit twoReads = layer.fits().fit(family);
            Fit oneReadFit = fine.fit(family);
            assertTrue(Math.abs(twoReads.ks() - oneReadFit.ks())
                            <= twoReads.ksErrorBound() + oneReadFit.ksErrorBound() + 1e-9,
                    family + ": " + twoReads.ks() + " ± " + twoReads.ksErrorBound() + " against " + oneReadFit.ks()
                            + " ± " + oneReadFit.ksErrorBound());
        }
        Fit halfNormal = layer.fits().fit(Family.HALFNORMAL);
        assertTrue(halfNormal.ksErrorBound() > 1e-4 && halfNormal.ksErrorBound() < 5e-3,
                "the half-normal fits within noise and keeps its coarse bound: " + halfNormal.ksErrorBound());
        assertTrue(layer.fits().fit(Family.LOGNORMAL).ksErrorBound() < 1e-5, "the lognormal's is fine");
    }
}
