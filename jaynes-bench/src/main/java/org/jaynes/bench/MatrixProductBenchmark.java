package org.jaynes.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jaynes.nn.tensor.MatrixProduct;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link MatrixProduct} on the products of one training step of a 784-256-10 MLP, batch 64:
 * {@code multiply} is C = A·B with A m×k and B k×n; {@code multiplyTransposeB} is the dense layer's forward
 * pass Y = X·Wᵀ (X m×k, W n×k); {@code multiplyTransposeA} its weight gradient dW = Gᵀ·X (G k×m, X k×n). The
 * {@code gflops} counter reports 2mkn flops per operation as a rate, in GFLOP/s (10^9 flops per second).
 * <pre>{@code
 * java -jar jaynes-bench/target/jaynes-bench.jar MatrixProductBenchmark -p threads=1
 * }</pre>
 *
 * <p>The shapes, m×k×n: {@code 64x784x256} (first layer forward), {@code 256x64x784} (first layer weight
 * gradient), {@code 64x256x10} (second layer forward), {@code 256x256x256}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatrixProductBenchmark extends JaynesBenchmark {

    private static final long SEED = 20240601L;

    @Param({"64x784x256", "256x64x784", "64x256x10", "256x256x256"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;
    private MatrixProduct product;

    @Setup(Level.Trial)
    public void generate() {
        String[] sizes = shape.split("x");
        m = Integer.parseInt(sizes[0]);
        k = Integer.parseInt(sizes[1]);
        n = Integer.parseInt(sizes[2]);
        SplittableRandom random = new SplittableRandom(SEED);
        a = RandomArrays.gaussian(random, m * k);
        b = RandomArrays.gaussian(random, k * n);
        c = new float[m * n];
        product = MatrixProduct.withThreads(threads);
    }

    @TearDown(Level.Trial)
    public void close() {
        product.close();
    }

    @Benchmark
    public float[] multiply(Gigaflops counter) {
        product.multiply(a, b, c, m, k, n, false);
        counter.gflops += 2e-9 * m * k * n;
        return c;
    }

    @Benchmark
    public float[] multiplyTransposeA(Gigaflops counter) {
        product.multiplyTransposeA(a, b, c, m, k, n, false);
        counter.gflops += 2e-9 * m * k * n;
        return c;
    }

    @Benchmark
    public float[] multiplyTransposeB(Gigaflops counter) {
        product.multiplyTransposeB(a, b, c, m, k, n, false);
        counter.gflops += 2e-9 * m * k * n;
        return c;
    }

    /** Flops done, reported by JMH as a rate: GFLOP/s when the time unit is seconds. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Gigaflops {

        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
        }
    }
}
