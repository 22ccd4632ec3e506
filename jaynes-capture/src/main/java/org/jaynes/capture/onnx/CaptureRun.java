package org.jaynes.capture.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jaynes.core.analysis.ActivationAnalysis;
import org.jaynes.core.analysis.ActivationSite;
import org.jaynes.formats.ModelFormatException;

/**
 * Runs a model's inputs through one capture twice and summarises every site, read twice, for an analysis.
 * <pre>{@code
 * try (OnnxCapture capture = OnnxCapture.open(model, graph.sites(), threads)) {
 *     List<ActivationSite> sites = CaptureRun.run(capture, analysis, batches, () -> batchesOfThisPass,
 *             CaptureRun.Progress.NONE);
 *     analysis.add(sites, weights);
 * }
 * }</pre>
 *
 * <p>Each run of a batch returns every site's output. The first pass summarises each site coarsely (exact
 * moments, 65,536 cells: half a megabyte a site); the second runs the same batches again and counts
 * finely only the cells the statistics of each site and of the pooled population need
 * ({@link ActivationAnalysis#startSecondPass}). So all sites of a model fit in the heap at once, the model
 * is loaded once, and its inputs run twice, where a fine histogram per site (tens of megabytes each) would
 * have needed the inputs run once per group of a few sites, the model copied and loaded for each group.
 *
 * <p>The second pass must see the values of the first: ONNX Runtime on the CPU computes the same outputs
 * for the same inputs with the same threads. If it did not, the run fails with an {@link IOException}
 * naming the model rather than report numbers that mix two runs.
 */
public final class CaptureRun {

    static final String CHANGED = "ONNX Runtime gave other outputs on the second run over the same inputs (%s)";

    /** The batches of one pass, by index from 0; every pass must give the same batches. */
    @FunctionalInterface
    public interface Pass {
        Map<String, FeedTensor> batch(int index) throws IOException, ModelFormatException;
    }

    /** Starts a pass over the inputs: a new {@link Pass} giving the batches from the first. */
    @FunctionalInterface
    public interface Inputs {
        Pass start() throws IOException, ModelFormatException;
    }

    /** Told after each batch of each pass. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (pass, batch) -> { };

        /** Batch {@code batch} (from 0) of pass {@code pass} (1 or 2) is done. */
        void batchDone(int pass, int batch);
    }

    private CaptureRun() {
    }

    /**
     * The sites of {@code capture}, in its order, each read twice over {@code batches} batches of
     * {@code inputs} and ready for {@link ActivationAnalysis#add}.
     */
    public static List<ActivationSite> run(OnnxCapture capture, ActivationAnalysis analysis, int batches,
                                           Inputs inputs, Progress progress) throws IOException, ModelFormatException {
        Map<CaptureSite, ActivationSite> sites = new LinkedHashMap<>();
        for (CaptureSite site : capture.sites()) {
            sites.put(site, analysis.siteReadTwice(site.name(), site.tensorName(), site.kind().function()));
        }
        Pass first = inputs.start();
        for (int b = 0; b < batches; b++) {
            capture.run(first.batch(b), (site, shape, values) -> sites.get(site).accept(shape, values));
            progress.batchDone(1, b);
        }
        if (sites.isEmpty()) {
            return List.of();
        }
        List<ActivationSite> all = new ArrayList<>(sites.values());
        analysis.startSecondPass(all);
        Pass second = inputs.start();
        for (int b = 0; b < batches; b++) {
            capture.run(second.batch(b), (site, shape, values) -> sites.get(site).count(values));
            progress.batchDone(2, b);
        }
        try {
            analysis.finishSecondPass(all);
        } catch (UncheckedIOException e) {
            throw new IOException(capture.model() + ": " + String.format(Locale.ROOT, CHANGED,
                    e.getCause().getMessage()), e.getCause());
        }
        return all;
    }
}
