package org.jaynes.core.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.stats.RefiningAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Tensor;

/**
 * Analyses every population of a model:
 * {@code new ModelAnalyzer(AnalysisOptions.DEFAULTS).analyze(model, ProgressListener.NONE)}.
 *
 * <p>Each population is cut into {@link Segment}s of {@value Segment#BYTES} bytes; worker threads summarise
 * segments in parallel, each into its own accumulator, reading {@value Segment#READ_BYTES} bytes at a time into
 * a buffer of their own, and the segments of a tensor are merged in file order. Segment boundaries do not
 * depend on the thread count, so results are the same bit for bit with any number of threads. At most
 * {@code 2 × threads} segments are in flight, so memory does not grow with the model.
 *
 * <p>f32 populations are read twice ({@link RefiningAccumulator}): once for moments and coarse cells,
 * then, as the population is finished on a worker, for the fine counts of the cells
 * {@link RefinementPlaces} names. The first {@value #MAX_WAITING} f32 populations wait for their second
 * read until the whole model has been read once, so that it also counts the cells the pooled population
 * needs finely; the pool is refined from those counts and, for populations that could not wait, from a
 * further read. Either way every statistic is the same.
 */
public final class ModelAnalyzer {

    /** Bytes per unit of parallel work; a multiple of every element size. */
    public static final int SEGMENT_BYTES = Segment.BYTES;
    /** Each worker thread's read buffer (direct, so a read fills it without another copy). */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(Segment.READ_BYTES));

    /**
     * How many f32 populations at most wait, read once, for the end of the first read of the whole model, so
     * that their second read also counts the cells the pool wants and no third read is needed for them (a
     * waiting accumulator holds about 0.5 MiB). Populations beyond it are finished at once, and read again
     * for the pool at the end.
     */
    static final int MAX_WAITING = 64;

    private final AnalysisOptions options;

    private final int maxWaiting;

    public ModelAnalyzer(AnalysisOptions options) {
        this(options, MAX_WAITING);
    }

    /** An analyzer with its own bound on waiting populations (tests: every path gives the same result). */
    ModelAnalyzer(AnalysisOptions options, int maxWaiting) {
        this.options = options;
        this.maxWaiting = maxWaiting;
    }

    /**
     * A finished population: its place, its analysis, and what its second read counted finely for the pool:
     * the counts, null for other dtypes, and their cells (f32 magnitude keys). Not the accumulator, whose
     * cells are the largest thing an analysis holds.
     */
    private record Finished(int index, LayerResult result, LogAbsHistogram counts, int[] countedKeys) {
    }

    public AnalysisResult analyze(Model model, ProgressListener progress) throws IOException {
        AnalysisSteps.Split split = AnalysisSteps.split(model, options);
        List<Tensor> populations = split.populations();
        List<Segment> segments = Segment.of(populations);
        long totalBytes = populations.stream().mapToLong(t -> t.data().length()).sum();

        RefiningAccumulator pooled = new RefiningAccumulator();
        Kept kept = new Kept(populations.size(), pooled, progress, totalBytes);
        ExecutorService pool = ModelAnalyzer.workers("jaynes-analyze", options.threads());
        try {
            Deque<Future<Finished>> finishing = new ArrayDeque<>();
            Deque<Waiting> waiting = new ArrayDeque<>();
            PopulationAccumulator current = null;
            long bytesDone = 0;
            // A sliding window of segments in flight: the next is submitted as soon as the oldest is merged.
            int inFlight = 2 * options.threads();
            Deque<Future<PopulationAccumulator>> reading = new ArrayDeque<>();
            int submitted = 0;
            for (Segment s : segments) {
                while (submitted < segments.size() && reading.size() < inFlight) {
                    Segment next = segments.get(submitted++);
                    Tensor tensor = populations.get(next.population());
                    reading.add(pool.submit(() -> summarise(tensor, next)));
                }
                PopulationAccumulator part = await(reading.poll());
                if (current == null) {
                    current = part;
                } else {
                    current.merge(part);
                }
                bytesDone += s.length();
                if (s.last()) {
                    PopulationAccumulator complete = current;
                    current = null;
                    int index = s.population();
                    Tensor tensor = populations.get(index);
                    // The pool takes every population's first read here, in population order, so its sums do
                    // not depend on which populations wait or on the threads.
                    if (complete instanceof RefiningAccumulator refining) {
                        refining.addFirstPassTo(pooled);
                        if (waiting.size() < maxWaiting) {
                            waiting.add(new Waiting(index, tensor, refining));
                            continue;
                        }
                    } else {
                        complete.addTo(pooled);
                    }
                    finishing.add(pool.submit(() -> finish(tensor, complete, index, null)));
                    // Bound the accumulators held by unfinished layers.
                    kept.drain(finishing, options.threads(), bytesDone);
                }
            }
            // Every first read is in the pool: the waiting populations' second reads count its cells too.
            Refinement pooledCells = pooled.refinement(RefinementPlaces.of(pooled.fitInput(), options));
            // Taken off the queue as they are submitted: a finished population's accumulator (its cells are
            // the largest thing it holds) is dropped as soon as its analysis is kept.
            while (!waiting.isEmpty()) {
                Waiting w = waiting.poll();
                finishing.add(pool.submit(() -> finish(w.tensor(), w.accumulator(), w.index(), pooledCells)));
                kept.drain(finishing, options.threads(), bytesDone);
            }
            kept.drain(finishing, 0, bytesDone);
            refinePooled(pooled, pooledCells, populations, kept.counted, segments, pool);
        } finally {
            pool.shutdownNow();
        }
        return AnalysisSteps.result(model, options, List.of(kept.results), split.setAside(), pooled);
    }

    /** An f32 population read once, waiting for the pool's cells before its second read. */
    private record Waiting(int index, Tensor tensor, RefiningAccumulator accumulator) {
    }

    /** The analyses of the finished populations, and what their second reads counted for the pool. */
    private static final class Kept {
        final LayerResult[] results;
        /** Per population, the cells its second read counted (a few hundred keys at most). */
        final int[][] counted;
        private final RefiningAccumulator pooled;
        private final ProgressListener progress;
        private final long totalBytes;
        private int done;

        Kept(int populations, RefiningAccumulator pooled, ProgressListener progress, long totalBytes) {
            this.results = new LayerResult[populations];
            this.counted = new int[populations][];
            this.pooled = pooled;
            this.progress = progress;
            this.totalBytes = totalBytes;
        }

        /**
         * Keeps the oldest finished populations until at most {@code limit} are unfinished, handing their
         * fine counts to the pool, and reports progress after each.
         */
        void drain(Deque<Future<Finished>> finishing, int limit, long bytesDone) throws IOException {
            while (finishing.size() > limit) {
                Finished finished = await(finishing.poll());
                results[finished.index()] = finished.result();
                counted[finished.index()] = finished.countedKeys();
                pooled.addCounts(finished.counts());
                progress.progress(bytesDone, totalBytes, ++done, results.length);
            }
        }
    }

    /**
     * A fixed pool of daemon threads named {@code name}, so an unfinished analysis never holds the JVM open:
     * the pools of every analysis, here and in the survey's engines.
     */
    public static ExecutorService workers(String name, int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The analysis of a complete population, with its baseline when the options ask for one. An f32
     * population is first refined: a second pass over its bytes, on this thread, while the other threads
     * read the next tensors; it also counts the cells of {@code pooledCells}, when known, for the pool.
     */
    private Finished finish(Tensor tensor, PopulationAccumulator accumulator, int index, Refinement pooledCells)
            throws IOException {
        int[] countedKeys = new int[0];
        LogAbsHistogram counts = null;
        if (accumulator instanceof RefiningAccumulator refining) {
            Refinement own = AnalysisSteps.refinementFor(refining, options);
            // The pool's cells where this population has no value need no counting, but it accounts for them:
            // the pool need not read it again for any of its cells.
            countedKeys = pooledCells == null ? own.selectedKeys() : own.and(pooledCells).selectedKeys();
            Refinement counted = pooledCells == null ? own : own.and(refining.occupied(pooledCells));
            if (!counted.isEmpty()) {
                Refinement.Counter counter = counted.counter();
                ByteBuffer scratch = SCRATCH.get();
                for (Segment s : Segment.of(List.of(tensor))) {
                    s.read(tensor, scratch, counter::count);
                }
                LogAbsHistogram fine = new LogAbsHistogram();
                counter.drainInto(fine);
                refining.refine(own, counted, fine);
                counts = fine;
            }
        }
        return new Finished(index, AnalysisSteps.analyse(tensor, accumulator, index, options), counts, countedKeys);
    }

    /**
     * The pooled population's own second pass: the f32 populations read again, in parallel, counting the
     * values of the cells the pooled statistics need finely.
     */
    private void refinePooled(RefiningAccumulator pooled, Refinement refinement, List<Tensor> populations,
                              int[][] refinements, List<Segment> segments, ExecutorService pool) throws IOException {
        if (refinement.isEmpty()) {
            return;
        }
        // A population hands its own fine counts to the pool: only the cells it did not refine are counted,
        // and a population that refined all of them is not read again.
        int[] wanted = refinement.selectedKeys();
        List<Segment> floats = segments.stream().filter(s -> populations.get(s.population()).dtype() == DType.F32
                && !containsAll(refinements[s.population()], wanted)).toList();
        int tasks = options.threads();
        List<Future<LogAbsHistogram>> futures = new ArrayList<>();
        for (int task = 0; task < tasks; task++) {
            int first = task;
            futures.add(pool.submit(() -> {
                LogAbsHistogram part = new LogAbsHistogram();
                Refinement.Counter counter = null;
                int population = -1;
                // Segments come in the order of the populations: one counter at a time.
                for (int i = first; i < floats.size(); i += tasks) {
                    Segment s = floats.get(i);
                    if (s.population() != population) {
                        if (counter != null) {
                            counter.drainInto(part);
                        }
                        population = s.population();
                        counter = refinement.without(refinements[population]).counter();
                    }
                    s.read(populations.get(population), SCRATCH.get(), counter::count);
                }
                if (counter != null) {
                    counter.drainInto(part);
                }
                return part;
            }));
        }
        LogAbsHistogram fine = new LogAbsHistogram();
        for (Future<LogAbsHistogram> future : futures) {
            fine.merge(await(future));
        }
        pooled.refine(refinement, fine);
    }

    /** Whether the ascending keys {@code done} include every one of the ascending keys {@code wanted}. */
    private static boolean containsAll(int[] done, int[] wanted) {
        int i = 0;
        for (int key : wanted) {
            while (i < done.length && done[i] < key) {
                i++;
            }
            if (i == done.length || done[i] != key) {
                return false;
            }
        }
        return true;
    }

    private static PopulationAccumulator summarise(Tensor tensor, Segment s) throws IOException {
        PopulationAccumulator accumulator = AnalysisSteps.accumulatorFor(tensor.dtype());
        s.read(tensor, SCRATCH.get(), accumulator::accept);
        return accumulator;
    }

    static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }
}
