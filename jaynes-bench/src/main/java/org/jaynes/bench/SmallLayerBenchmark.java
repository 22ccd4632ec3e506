package org.jaynes.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.analysis.PopulationSummary;
import org.jaynes.core.fit.FitComparison;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-layer cost of the analysis of one small f32 layer, where the fits and the screens of the KS
 * distances, not the passes over the values, take the time (models of many small layers): both passes of
 * {@link PopulationAnalysis#summarise(float[])} (the KS candidates and the refinement between them) and
 * {@link FitComparison#of}. The values are N(0, 0.05²), which every signed law fits within the noise (many
 * KS candidates), or Student's t with 4 degrees of freedom scaled by 0.05, heavy-tailed like trained
 * weights (few candidates); {@code size} is 64×64 or 384×384 values. One operation is one layer.
 * <pre>{@code
 * java -jar jaynes-bench/target/jaynes-bench.jar SmallLayerBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class SmallLayerBenchmark extends JaynesBenchmark {

    /** The law of the values. */
    public enum Law { NORMAL, STUDENT }

    @Param({"4096", "147456"})
    public int size;

    @Param({"NORMAL", "STUDENT"})
    public Law law;

    private float[] values;

    @Setup(Level.Trial)
    public void generate() {
        SplittableRandom random = new SplittableRandom(SyntheticModel.DEFAULT_SEED);
        values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (0.05 * (law == Law.NORMAL ? random.nextGaussian() : student(random)));
        }
    }

    /** Student's t with 4 degrees of freedom: Z / sqrt(χ²₄ / 4). */
    private static double student(SplittableRandom random) {
        double chiSquare = 0;
        for (int k = 0; k < 4; k++) {
            double z = random.nextGaussian();
            chiSquare += z * z;
        }
        return random.nextGaussian() / Math.sqrt(chiSquare / 4);
    }

    @Benchmark
    public FitComparison layer() {
        PopulationSummary summary = PopulationAnalysis.summarise(values);
        return FitComparison.of(summary.fit());
    }
}
