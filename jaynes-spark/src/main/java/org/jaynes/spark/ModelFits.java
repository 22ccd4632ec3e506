package org.jaynes.spark;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisSteps;
import org.jaynes.core.analysis.LayerResult;

/**
 * The fits of one model's populations, each submitted as soon as its reads are in, while the executors go on
 * reading. A population of at least {@code shippedFrom} values is fitted on the executors, in a job started
 * after the read job that finished it: its fit costs far more than shipping its first read and fine counts
 * there and its analysis back, and the driver's cores would otherwise bound a cluster's survey of large layers.
 * A smaller one is fitted on the driver's threads, where shipping would cost about what the fit does. Both give
 * the same results, value for value. Used by one thread.
 */
final class ModelFits {

    /**
     * The smallest population fitted on the executors of a cluster: a fit's cost grows with the population's
     * cells, shipping its inputs much less (docs/design.md §5: a 16-million-value f32 layer ships in 1–3 MB,
     * serialised in 14–75 ms, and takes 120–630 ms to fit; with every population shipped, 41 models of
     * small layers cost the driver more in shipping than the fits they moved).
     */
    static final long SHIPPED_FROM_ON_A_CLUSTER = 1L << 22;

    private final JavaSparkContext spark;
    private final ExecutorService fitting;
    private final long shippedFrom;
    private final int slices;
    private final AnalysisOptions options;
    /** Per population, its fit on a driver's thread; null for one shipped. */
    private final List<Future<LayerResult>> onDriver;
    private List<FitTask> toShip = new ArrayList<>();
    private final List<Shipped> shipped = new ArrayList<>();

    /** A job of fits on the executors, and the populations of its tasks, in task order. */
    private record Shipped(JavaFutureAction<List<TaskOutcome<LayerResult>>> job, int[] populations) {
    }

    /**
     * @param fitting     the driver's fitting threads, shared by the models analysed at once
     * @param shippedFrom the smallest population fitted on the executors
     * @param slices      the most partitions of a job of fits
     */
    ModelFits(JavaSparkContext spark, ExecutorService fitting, long shippedFrom, int slices, AnalysisOptions options,
              int populations) {
        this.spark = spark;
        this.fitting = fitting;
        this.shippedFrom = shippedFrom;
        this.slices = slices;
        this.options = options;
        this.onDriver = new ArrayList<>(Collections.nCopies(populations, null));
    }

    /** Fits a finished population: now on a driver's thread, or with the next {@link #flush} on the executors. */
    void submit(FitTask task) {
        if (task.tensor().shape().elementCount() >= shippedFrom) {
            toShip.add(task);
        } else {
            onDriver.set(task.population(), fitting.submit(() -> task.analyse(options)));
        }
    }

    /** Starts, on the executors, the fits submitted for them since the last call; a read job has just ended. */
    void flush() {
        if (toShip.isEmpty()) {
            return;
        }
        int[] populations = toShip.stream().mapToInt(FitTask::population).toArray();
        shipped.add(new Shipped(spark.parallelize(toShip, Math.min(toShip.size(), slices))
                .map(new ExecutorFit(options)).collectAsync(), populations));
        toShip = new ArrayList<>();
    }

    /** Every population's analysis, in population order, once all are submitted; a failed fit is thrown. */
    List<LayerResult> results() throws IOException {
        flush();
        LayerResult[] results = new LayerResult[onDriver.size()];
        for (int p = 0; p < results.length; p++) {
            if (onDriver.get(p) != null) {
                results[p] = AnalysisSteps.await(onDriver.get(p));
            }
        }
        for (Shipped job : shipped) {
            List<TaskOutcome<LayerResult>> outcomes = outcomes(job.job());
            for (int i = 0; i < job.populations().length; i++) {
                TaskOutcome<LayerResult> outcome = outcomes.get(i);
                if (outcome.failure() != null) {
                    throw new DistributedAnalysis.TaskFailure(outcome.failure());
                }
                results[job.populations()[i]] = outcome.value();
            }
        }
        return List.of(results);
    }

    private static <T> T outcomes(JavaFutureAction<T> job) throws IOException {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the executors fitted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IOException(e.getCause());
        }
    }
}
