package org.jaynes.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.stats.RefiningAccumulator;
import org.jaynes.core.stats.StreamingAccumulator;
import org.jaynes.core.tensor.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stages of the analysis of one f32 layer, one thread each, over a {@value #BUFFER_BYTES}-byte direct
 * buffer of N(0, 0.02²) values (16.8 million values, a 4096×4096 layer):
 * <ul>
 *   <li>{@code firstPass}: {@link RefiningAccumulator#accept}, the exact moments (decode, ln|w|, sums) and
 *       the 65,536 coarse cells;</li>
 *   <li>{@code secondPass}: {@link Refinement#countFine}, the fine counts of the cells the statistics need
 *       finely (chosen once from every law's KS candidates, as the analyzer chooses them before it adds bin
 *       edges and ranks);</li>
 *   <li>{@code fits}: {@link FitComparison#of} and the KS distance over the refined cells;</li>
 *   <li>{@code onePass}: the one-pass {@link StreamingAccumulator} with its fine histogram, for comparison.</li>
 * </ul>
 * The {@code megabytes} counter gives MB/s (10^6 bytes) of the layer for each stage.
 * <pre>{@code
 * java -jar jaynes-bench/target/jaynes-bench.jar AnalysisStagesBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AnalysisStagesBenchmark extends JaynesBenchmark {

    /** Bytes of values per operation: 64 MiB. */
    public static final int BUFFER_BYTES = 64 << 20;

    private ByteBuffer values;
    private Refinement refinement;
    private RefiningAccumulator refined;

    @Setup(Level.Trial)
    public void generate() {
        values = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        SyntheticModel.fill(values, DType.F32, new SplittableRandom(SyntheticModel.DEFAULT_SEED),
                SyntheticModel.DEFAULT_STANDARD_DEVIATION);
        values.flip();
        refined = new RefiningAccumulator();
        refined.accept(values.duplicate());
        refinement = refined.refinement(FitComparison.ksCandidates(refined.fitInput(), 1e-5, 256));
        refined.refine(refinement, refinement.countFine(values.duplicate()));
    }

    @Benchmark
    public RefiningAccumulator firstPass(AccumulatorBenchmark.Megabytes counter) {
        RefiningAccumulator accumulator = new RefiningAccumulator();
        accumulator.accept(values.duplicate());
        counter.megabytes += BUFFER_BYTES / 1e6;
        return accumulator;
    }

    @Benchmark
    public LogAbsHistogram secondPass(AccumulatorBenchmark.Megabytes counter) {
        counter.megabytes += BUFFER_BYTES / 1e6;
        return refinement.countFine(values.duplicate());
    }

    @Benchmark
    public Object fits(AccumulatorBenchmark.Megabytes counter) {
        counter.megabytes += BUFFER_BYTES / 1e6;
        PopulationStats stats = refined.result();
        return new Object[] {stats, FitComparison.of(refined.fitInput())};
    }

    @Benchmark
    public StreamingAccumulator onePass(AccumulatorBenchmark.Megabytes counter) {
        StreamingAccumulator accumulator = new StreamingAccumulator(DType.F32);
        accumulator.accept(values.duplicate());
        counter.megabytes += BUFFER_BYTES / 1e6;
        return accumulator;
    }
}
