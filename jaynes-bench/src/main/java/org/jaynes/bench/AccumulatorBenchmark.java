package org.jaynes.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.tensor.DType;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread throughput of one accumulator over a {@value #BUFFER_BYTES}-byte direct little-endian
 * buffer of N(0, 0.02²) values: {@code StreamingAccumulator} for f32, {@code PatternAccumulator} for bf16
 * and f16, each made by {@link PopulationAccumulator#of}. One operation is the whole buffer, so
 * bytes/s = ops/s × {@value #BUFFER_BYTES}; the {@code megabytes} counter reports it directly, in MB/s
 * (10^6 bytes).
 * <pre>{@code
 * java -jar jaynes-bench/target/jaynes-bench.jar AccumulatorBenchmark -p dtype=F32
 * }</pre>
 *
 * <p>{@code accept} measures the streaming pass alone, as {@code ModelAnalyzer} runs it per 16 MiB
 * segment; {@code acceptAndSummarise} adds {@code result()} (moments from the counts, the KS distance),
 * which the analyzer runs once per tensor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AccumulatorBenchmark extends JaynesBenchmark {

    /** Bytes of values per operation: 64 MiB. */
    public static final int BUFFER_BYTES = 64 << 20;

    private static final long SEED = 20240601L;

    @Param({"F32", "BF16", "F16"})
    public DType dtype;

    private ByteBuffer values;

    @Setup(Level.Trial)
    public void generate() {
        values = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        SyntheticModel.fill(values, dtype, new SplittableRandom(SEED), SyntheticModel.DEFAULT_STANDARD_DEVIATION);
        values.flip();
    }

    @Benchmark
    public PopulationAccumulator accept(Megabytes counter) {
        PopulationAccumulator accumulator = PopulationAccumulator.of(dtype);
        accumulator.accept(values);
        counter.megabytes += BUFFER_BYTES / 1e6;
        return accumulator;
    }

    @Benchmark
    public Object acceptAndSummarise(Megabytes counter) {
        return accept(counter).result();
    }

    /** Bytes processed, reported by JMH as a rate: MB/s when the time unit is seconds. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Megabytes {

        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }
}
