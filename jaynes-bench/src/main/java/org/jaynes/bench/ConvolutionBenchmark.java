package org.jaynes.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jaynes.nn.layer.Activation;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.layer.Conv2d;
import org.jaynes.nn.layer.MaxPool2d;
import org.jaynes.nn.layer.Parameter;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per batch of 64 of one conv block of the Fashion-MNIST CNN ({@code --conv 8,16}): the convolution
 * alone forward ({@code convForward}) and backward with the input gradient ({@code convBackward}), and the
 * whole block conv → ReLU → 2×2 max-pool forward and backward ({@code block}). {@code layer} picks the block:
 * {@code first} is 1x28x28 → 8 channels (depth 9, whose weight gradient is a {@code NarrowProduct}),
 * {@code second} 8x14x14 → 16 channels (depth 72, the blocked product). The first layer of a network needs no
 * input gradient, but the benchmark computes it so that both layers do the same steps.
 * <pre>{@code
 * java -jar jaynes-bench/target/jaynes-bench.jar ConvolutionBenchmark -p threads=1
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConvolutionBenchmark extends JaynesBenchmark {

    private static final long SEED = 20261207L;
    private static final int BATCH = 64;

    @Param({"first", "second"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private MatrixProduct product;
    private Conv2d conv;
    private Activation relu;
    private MaxPool2d pool;
    private float[] input;
    private float[] convGradient;
    private float[] poolGradient;

    @Setup(Level.Trial)
    public void build() {
        ImageShape image = layer.equals("first") ? new ImageShape(1, 28, 28) : new ImageShape(8, 14, 14);
        int channels = layer.equals("first") ? 8 : 16;
        product = MatrixProduct.withThreads(threads);
        conv = new Conv2d("layers.0", image, channels, 3, 1, 1, BATCH, product);
        relu = new Activation(ActivationFunction.RELU, conv.outputSize(), BATCH);
        pool = new MaxPool2d(conv.outputShape(), 2, BATCH);
        SplittableRandom random = new SplittableRandom(SEED);
        for (Parameter p : conv.parameters()) {
            System.arraycopy(RandomArrays.gaussian(random, p.size()), 0, p.values(), 0, p.size());
        }
        input = RandomArrays.gaussian(random, BATCH * conv.inputSize());
        convGradient = RandomArrays.gaussian(random, BATCH * conv.outputSize());
        poolGradient = RandomArrays.gaussian(random, BATCH * pool.outputSize());
        conv.forward(input, BATCH);   // the backward pass reads the input of the last forward pass
    }

    @TearDown(Level.Trial)
    public void close() {
        product.close();
    }

    @Benchmark
    public float[] convForward() {
        return conv.forward(input, BATCH);
    }

    @Benchmark
    public float[] convBackward() {
        return conv.backward(convGradient, BATCH, true);
    }

    @Benchmark
    public float[] block() {
        pool.forward(relu.forward(conv.forward(input, BATCH), BATCH), BATCH);
        return conv.backward(relu.backward(pool.backward(poolGradient, BATCH, true), BATCH, true), BATCH, true);
    }
}
