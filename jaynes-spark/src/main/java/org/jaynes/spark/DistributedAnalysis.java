package org.jaynes.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.spark.api.java.JavaSparkContext;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.AnalysisSteps;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.Segment;
import org.jaynes.core.analysis.TensorInfo;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.stats.RefiningAccumulator;
import org.jaynes.core.tensor.Tensor;

/**
 * The analysis of one model on Spark, equal value for value to {@code ModelAnalyzer}'s, in two Spark jobs:
 *
 * <ol>
 *   <li><b>First read.</b> Each task reads consecutive {@link Segment}s (of one large population or of
 *       several small ones) and returns one accumulator per segment; the driver merges each population's segments
 *       in file order, as {@code ModelAnalyzer} does (floating-point sums depend on that order), then pools
 *       the populations' first reads in population order.</li>
 *   <li><b>Second read.</b> From the merged first reads the driver knows every cell to count finely: each
 *       f32 population's own, the pool's for the first {@value AnalysisSteps#MAX_WAITING} f32 populations,
 *       and, for the others, the pool's cells they did not count. One task per range of segments counts
 *       them all in one read; counts add exactly, in any order.</li>
 * </ol>
 * Each population is fitted as soon as its counts are in, while the executors go on reading ({@link ModelFits}):
 * a large one on the executors, in a job started after the read job that finished it, a small one on the
 * driver's threads ({@code options.threads()}); the population's accumulator is then dropped. The driver
 * holds the first reads of the model's populations (about 0.6 MB per f32 population) and the results of one
 * job (a few MB per task); the workers hold a segment's accumulator and one read buffer per task.
 */
final class DistributedAnalysis implements AutoCloseable {

    /** Bytes per task at most: four segments, enough reading to outweigh a task's start. */
    static final long TASK_BYTES = 4L * Segment.BYTES;
    /** Segments per task at most: a first read returns an accumulator (about 0.5 MB) per segment. */
    static final int TASK_PIECES = 8;

    private final JavaSparkContext spark;
    private final AnalysisOptions options;
    /** The smallest population fitted on the executors ({@link ModelFits}). */
    private final long fitsShippedFrom;
    /** The driver's fitting threads, shared by the models analysed at once; first submitted, first fitted. */
    private final ExecutorService fitting;

    DistributedAnalysis(JavaSparkContext spark, AnalysisOptions options, long fitsShippedFrom) {
        this.spark = spark;
        this.options = options;
        this.fitsShippedFrom = fitsShippedFrom;
        fitting = ModelAnalyzer.workers("jaynes-fit", options.threads());
    }

    /** Thrown when a task could not read the model; the message is the task's one-line reason. */
    static final class TaskFailure extends IOException {
        private static final long serialVersionUID = 1L;

        TaskFailure(String reason) {
            super(reason);
        }
    }

    /**
     * The analysis of {@code model}. Several models may be analysed at once, each on its own thread: their
     * jobs share the cluster, their fits the driver's fitting threads.
     */
    AnalysisResult analyse(Model model, ModelLocation location) throws IOException {
        return new ModelRun(model, location).result();
    }

    /** Stops the fitting threads. */
    @Override
    public void close() {
        fitting.shutdownNow();
    }

    /** The state of one model's analysis, population by population, between the two Spark jobs. */
    private final class ModelRun {

        private final Model model;
        private final ModelLocation location;
        private final AnalysisSteps.Split split;
        private final List<Tensor> populations;
        private final int[] tensorIndex;
        private final List<Segment> segments;
        private final PopulationAccumulator[] merged;
        private final ModelFits fits;
        private final RefiningAccumulator pooled = new RefiningAccumulator();

        ModelRun(Model model, ModelLocation location) {
            this.model = model;
            this.location = location;
            split = AnalysisSteps.split(model, options);
            populations = split.populations();
            tensorIndex = populations.stream().mapToInt(t -> indexOf(model.tensors(), t)).toArray();
            segments = Segment.of(populations);
            merged = new PopulationAccumulator[populations.size()];
            fits = new ModelFits(spark, fitting, fitsShippedFrom, batch(), options, populations.size());
        }

        AnalysisResult result() throws IOException {
            int count = populations.size();
            run(tasks(segments, new Refinement[count], new Refinement[count]), new FirstRead(), (task, parts) -> {
                for (int i = 0; i < task.pieces().size(); i++) {
                    int p = task.pieces().get(i).population();
                    if (merged[p] == null) {
                        merged[p] = parts.get(i);
                    } else {
                        merged[p].merge(parts.get(i));
                    }
                }
            });
            // The pool takes every population's first read in population order, as in ModelAnalyzer.
            for (PopulationAccumulator accumulator : merged) {
                if (accumulator instanceof RefiningAccumulator refining) {
                    refining.addFirstPassTo(pooled);
                } else {
                    accumulator.addTo(pooled);
                }
            }
            Refinement pooledCells = AnalysisSteps.refinementFor(pooled, options);
            Refinement[] own = new Refinement[count];
            Refinement[] counted = new Refinement[count];
            Refinement[] forPool = new Refinement[count];
            int waiting = 0;
            for (int p = 0; p < count; p++) {
                if (merged[p] instanceof RefiningAccumulator refining) {
                    own[p] = AnalysisSteps.refinementFor(refining, options);
                    boolean waits = waiting++ < AnalysisSteps.MAX_WAITING;
                    Refinement all = waits ? own[p].and(pooledCells) : own[p];
                    // Only the cells holding some of the population's values can count any (as in ModelAnalyzer).
                    Refinement read = waits ? own[p].and(refining.occupied(pooledCells)) : own[p];
                    counted[p] = read.isEmpty() ? null : read;
                    Refinement left = refining.occupied(pooledCells.without(all.selectedKeys()));
                    forPool[p] = left.isEmpty() ? null : left;
                }
                if (counted[p] == null) {
                    finish(p, null, null, null);
                }
            }
            fits.flush();
            LogAbsHistogram poolFine = secondRead(own, counted, forPool);
            if (!pooledCells.isEmpty()) {
                pooled.refine(pooledCells, poolFine);
            }
            return AnalysisSteps.result(model, options, fits.results(), split.setAside(), pooled);
        }

        /**
         * The second read: every population's fine counts; a population is finished as soon as its last task
         * is in. Returns the counts of the pool's further cells.
         */
        private LogAbsHistogram secondRead(Refinement[] own, Refinement[] counted, Refinement[] forPool)
                throws TaskFailure {
            List<Segment> again = segments.stream()
                    .filter(s -> counted[s.population()] != null || forPool[s.population()] != null).toList();
            List<ReadTask> tasks = tasks(again, counted, forPool);
            int[] tasksLeft = new int[populations.size()];
            tasks.forEach(task -> task.pieces().stream().mapToInt(ReadTask.Piece::population).distinct()
                    .forEach(p -> tasksLeft[p]++));
            LogAbsHistogram[] fine = new LogAbsHistogram[populations.size()];
            LogAbsHistogram poolFine = new LogAbsHistogram();
            run(tasks, new SecondRead(), (task, counts) -> {
                poolFine.merge(counts.pooled());
                for (SecondRead.PopulationCounts part : counts.populations()) {
                    int p = part.population();
                    if (part.counted() != null) {
                        if (fine[p] == null) {
                            fine[p] = part.counted();
                        } else {
                            fine[p].merge(part.counted());
                        }
                    }
                    if (--tasksLeft[p] == 0 && counted[p] != null) {
                        // Counts add in any order; the pool takes them now, the population on a fitting thread.
                        pooled.addCounts(fine[p]);
                        finish(p, own[p], counted[p], fine[p]);
                        fine[p] = null;
                    }
                }
            });
            return poolFine;
        }

        /** Refines population {@code p} (when {@code fine} is given) and fits it ({@link ModelFits}). */
        private void finish(int p, Refinement ownCells, Refinement countedCells, LogAbsHistogram fine) {
            fits.submit(new FitTask(p, TensorInfo.of(populations.get(p)), merged[p], ownCells, countedCells, fine));
            merged[p] = null;
        }

        /**
         * The segments in tasks of at most {@value #TASK_BYTES} bytes and {@value #TASK_PIECES} segments, in
         * order: a large population spreads over several tasks, small ones share one.
         */
        private List<ReadTask> tasks(List<Segment> some, Refinement[] counted, Refinement[] forPool) {
            List<ReadTask> tasks = new ArrayList<>();
            List<ReadTask.Piece> current = new ArrayList<>();
            long bytes = 0;
            for (Segment segment : some) {
                if (!current.isEmpty() && (current.size() == TASK_PIECES || bytes + segment.length() > TASK_BYTES)) {
                    tasks.add(new ReadTask(location, current));
                    current = new ArrayList<>();
                    bytes = 0;
                }
                int p = segment.population();
                current.add(new ReadTask.Piece(tensorIndex[p], segment, counted[p], forPool[p]));
                bytes += segment.length();
            }
            if (!current.isEmpty()) {
                tasks.add(new ReadTask(location, current));
            }
            return tasks;
        }

        /**
         * Runs {@code tasks}, one per partition, a few jobs of at most {@link #batch} tasks each (so the driver
         * holds the results of one job at a time), and hands their values to {@code sink} in task order; after
         * each job, the fits of the populations it finished start.
         */
        private <T extends java.io.Serializable> void run(List<ReadTask> tasks,
                org.apache.spark.api.java.function.Function<ReadTask, TaskOutcome<T>> read, Sink<T> sink)
                throws TaskFailure {
            int batch = batch();
            for (int from = 0; from < tasks.size(); from += batch) {
                List<ReadTask> some = tasks.subList(from, Math.min(tasks.size(), from + batch));
                List<TaskOutcome<T>> outcomes = spark.parallelize(some, some.size()).map(read).collect();
                for (int i = 0; i < some.size(); i++) {
                    TaskOutcome<T> outcome = outcomes.get(i);
                    if (outcome.failure() != null) {
                        throw new TaskFailure(outcome.failure());
                    }
                    sink.accept(some.get(i), outcome.value());
                }
                fits.flush();
            }
        }
    }

    /** The place of {@code tensor} (that very object) among the model's tensors. */
    private static int indexOf(List<Tensor> tensors, Tensor tensor) {
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i) == tensor) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a tensor of the model: " + tensor.storedName());
    }

    /** Takes the value of one task, in task order. */
    @FunctionalInterface
    private interface Sink<T> {
        void accept(ReadTask task, T value);
    }

    /** Tasks per job: two per executor core, so that every core stays busy while stragglers finish. */
    private int batch() {
        return Math.max(4, 2 * spark.defaultParallelism());
    }
}
