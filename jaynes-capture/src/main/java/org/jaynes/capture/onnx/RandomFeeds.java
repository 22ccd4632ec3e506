package org.jaynes.capture.onnx;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.formats.ModelFormatException;

/**
 * Random model inputs ({@code --random-inputs}), for models without real data at hand. The captured
 * activations then describe the model on noise, not on its data: a report must say so.
 * <pre>{@code
 * RandomFeeds feeds = RandomFeeds.of(model, graph, 42, 16);
 * capture.run(feeds.batch(8), sink);
 * }</pre>
 *
 * <p>Float inputs (float32, float16, bfloat16) get standard-normal values; int64 inputs get uniform integers
 * in {@code [0, bound)}, the bound being the size of the embedding table the input indexes
 * ({@link CaptureGraph#indexBounds()}) or else {@value #DEFAULT_INDEX_BOUND} (so masks and flags are 0 or
 * 1). The first dimension is the batch's rows when the model leaves it open, its fixed size otherwise;
 * other open dimensions take {@code openSize}. Draws come from one XO_RO_SHI_RO_128_PP generator seeded
 * with {@code seed}, inputs in graph order, values row-major: the same seed gives the same batches, bit
 * for bit. Not thread-safe.
 */
public final class RandomFeeds {

    /** The bound of integer inputs that index no table. */
    public static final long DEFAULT_INDEX_BOUND = 2;

    static final String UNSUPPORTED_INPUT = "the model's input '%s' is %s; random inputs are float32, float16, "
            + "bfloat16 or int64";

    private final List<ModelInput> inputs;
    private final Map<String, Long> bounds;
    private final long openSize;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gaussian;

    private RandomFeeds(List<ModelInput> inputs, Map<String, Long> bounds, long openSize, long seed) {
        this.inputs = inputs;
        this.bounds = bounds;
        this.openSize = openSize;
        this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /**
     * Random feeds for the inputs of {@code graph}, read from {@code model} (named in errors).
     *
     * @param openSize the size of every open dimension after the first (a sequence length), at least 1
     * @throws ModelFormatException if an input is neither a float nor int64
     */
    public static RandomFeeds of(Path model, CaptureGraph graph, long seed, long openSize) throws ModelFormatException {
        if (openSize < 1) {
            throw new IllegalArgumentException("open dimensions need a size of at least 1, not " + openSize);
        }
        for (ModelInput input : graph.inputs()) {
            if (!input.type().isFloat() && input.type() != ElementType.INT64) {
                throw ModelFormatException.at(model, ModelFormatException.NO_OFFSET, UNSUPPORTED_INPUT, input.name(),
                        input.type().label());
            }
        }
        return new RandomFeeds(graph.inputs(), graph.indexBounds(), openSize, seed);
    }

    /** The next batch: {@code rows} samples, or the model's fixed batch size. */
    public Map<String, FeedTensor> batch(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a batch needs at least one row, not " + rows);
        }
        Map<String, FeedTensor> feeds = new LinkedHashMap<>();
        for (ModelInput input : inputs) {
            long[] shape = input.shape();
            for (int d = 0; d < shape.length; d++) {
                if (input.isDynamic(d)) {
                    shape[d] = d == 0 ? rows : openSize;
                }
            }
            long count = 1;
            for (long dim : shape) {
                count = Math.multiplyExact(count, dim);
            }
            int n = Math.toIntExact(count);
            if (input.type().isFloat()) {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (float) gaussian.sample();
                }
                feeds.put(input.name(), new FeedTensor.Float32(shape, values));
            } else {
                long bound = bounds.getOrDefault(input.name(), DEFAULT_INDEX_BOUND);
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = rng.nextLong(bound);
                }
                feeds.put(input.name(), new FeedTensor.Int64(shape, values));
            }
        }
        return feeds;
    }
}
