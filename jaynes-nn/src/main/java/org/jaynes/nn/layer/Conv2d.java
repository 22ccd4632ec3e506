package org.jaynes.nn.layer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;
import org.jaynes.nn.tensor.NarrowProduct;

/**
 * A 2-D convolution with stride s and zero padding p, as PyTorch's
 * {@code nn.Conv2d(in, out, k, stride=s, padding=p)} computes it (a cross-correlation):
 * y[o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[c, s·i + u − p, s·j + v − p], with x = 0 outside the image.
 * Each row of a batch is one example's C×H×W values (NCHW, see {@link ImageShape}); the output rows are
 * out×H'×W' with H' = ⌊(H + 2p − k) / s⌋ + 1 and W' likewise. The weight is stored [out, in, k, k] and the bias
 * [out], named {@code <name>.weight} and {@code <name>.bias}.
 *
 * <p>Algorithm (im2col): the k·k·C input values under each output position become one column of a matrix X
 * [C·k·k, n·H'·W'] for n examples at a time, so that Y = W X is one {@link MatrixProduct}; gradients are
 * dW = dY Xᵀ (the product's A·Bᵀ, which reads X where it lies; a {@link NarrowProduct} for a shallow input),
 * db = row sums of dY (the same product, through a row of ones below X), dX = Wᵀ dY folded back
 * onto the image (col2im). A batch is cut into
 * chunks of at most {@link #chunkExamples()} examples so that X stays near {@link #COLUMN_BUDGET} floats
 * whatever the batch; dW and db add the chunks in order. Cost 2·out·C·k²·H'W' flops per example each way.
 *
 * <p>Deterministic: every sum is taken in a fixed order on one thread or through the matrix product, which
 * gives the same bits on any number of threads (dW and db of a shallow input sum in lanes, a reassociation of the
 * same terms). Buffers are allocated once for {@code maxRows}; a step
 * allocates nothing. Not thread-safe.
 */
public final class Conv2d implements ImageLayer {

    /** Floats of the im2col matrix X at most, unless a single example needs more. */
    static final int COLUMN_BUDGET = 1 << 20;
    /**
     * Below this depth C·k² the weight gradient goes through a {@link NarrowProduct}: the blocked product's panels
     * are 128 columns wide, so a depth of 9 (the first layer of a CNN on grey images) would be 93% padding; at 72
     * both run about as fast (measured with {@code ConvolutionBenchmark}).
     */
    static final int NARROW_DEPTH = 64;

    private final ImageShape in;
    private final ImageShape out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int depth;
    private final int positions;
    private final int chunk;
    private final Parameter weight;
    private final Parameter bias;
    private final MatrixProduct product;
    /** The weight gradient's product when depth &lt; {@link #NARROW_DEPTH}, else null (the shared product). */
    private final NarrowProduct narrow;
    /** X [depth, width] and below it a row of ones, so that the weight gradient's product gives db too. */
    private final float[] columns;
    /** [dW | db]: out rows of depth + 1, the last column the bias gradient. */
    private final float[] parameterGradient;
    private final float[] columnGradient;
    private final float[] channelMajor;
    private final float[] transposedWeight;
    private final float[] output;
    private final float[] inputGradient;
    private float[] input;

    /**
     * @param name     the prefix of the parameter names, e.g. {@code layers.0}
     * @param input    the shape of one input example
     * @param channels output channels
     * @param kernel   the side k of the square kernel
     * @param stride   the step s between output positions, in pixels
     * @param padding  zeros added on every side; {@code kernel / 2} keeps the size for odd k and stride 1
     * @param maxRows  the largest batch this layer will see
     * @throws IllegalArgumentException when a size is not positive or the kernel is larger than the padded image
     */
    public Conv2d(String name, ImageShape input, int channels, int kernel, int stride, int padding, int maxRows,
                  MatrixProduct product) {
        this(name, input, channels, kernel, stride, padding, maxRows, product, COLUMN_BUDGET);
    }

    /** Stride 1: as PyTorch's {@code nn.Conv2d(in, out, k, padding=p)}. */
    public Conv2d(String name, ImageShape input, int channels, int kernel, int padding, int maxRows,
                  MatrixProduct product) {
        this(name, input, channels, kernel, 1, padding, maxRows, product, COLUMN_BUDGET);
    }

    /** As the public constructor, with X held to {@code columnBudget} floats (tests cut batches this way). */
    Conv2d(String name, ImageShape input, int channels, int kernel, int stride, int padding, int maxRows,
           MatrixProduct product, int columnBudget) {
        if (channels < 1 || kernel < 1 || stride < 1 || padding < 0 || maxRows < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a convolution needs positive channels, "
                    + "kernel, stride and rows and a non-negative padding, not %d, %d, %d, %d and %d", channels,
                    kernel, stride, maxRows, padding));
        }
        int height = outputSide(input.height(), kernel, stride, padding);
        int width = outputSide(input.width(), kernel, stride, padding);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %dx%d kernel with padding %d does not fit "
                    + "a %s image", kernel, kernel, padding, input));
        }
        this.in = input;
        this.out = new ImageShape(channels, height, width);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.depth = Math.multiplyExact(input.channels(), kernel * kernel);
        this.positions = out.plane();
        this.chunk = Math.max(1, Math.min(maxRows, columnBudget / Math.multiplyExact(depth, positions)));
        this.product = product;
        this.narrow = depth < NARROW_DEPTH ? new NarrowProduct(channels, depth + 1) : null;
        this.weight = new Parameter(name + ".weight", true, channels, input.channels(), kernel, kernel);
        this.bias = new Parameter(name + ".bias", false, channels);
        int columnWidth = Math.multiplyExact(chunk, positions);
        this.columns = new float[Math.multiplyExact(depth + 1, columnWidth)];
        this.parameterGradient = new float[(depth + 1) * channels];
        this.columnGradient = new float[Math.multiplyExact(depth, columnWidth)];
        this.channelMajor = new float[Math.multiplyExact(channels, columnWidth)];
        this.transposedWeight = new float[depth * channels];
        this.output = new float[Math.multiplyExact(out.size(), maxRows)];
        this.inputGradient = new float[Math.multiplyExact(input.size(), maxRows)];
    }

    /**
     * The output height (or width) of a {@code side}-pixel input: ⌊(side + 2p − k) / s⌋ + 1, as PyTorch computes
     * it; below 1 when the kernel does not fit the padded input.
     */
    public static int outputSide(int side, int kernel, int stride, int padding) {
        int span = side + 2 * padding - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public ImageShape inputShape() {
        return in;
    }

    @Override
    public ImageShape outputShape() {
        return out;
    }

    /** Inputs per output value, C·k·k: PyTorch's fan-in of the weight. */
    public int fanIn() {
        return depth;
    }

    /** out·k·k: PyTorch's fan-out of the weight. */
    public int fanOut() {
        return out.channels() * kernel * kernel;
    }

    /** Examples per im2col matrix. */
    public int chunkExamples() {
        return chunk;
    }

    @Override
    public float[] forward(float[] input, int rows) {
        this.input = input;
        float[] b = bias.values();
        for (int first = 0; first < rows; first += chunk) {
            int count = Math.min(chunk, rows - first);
            int width = count * positions;
            toColumns(input, first, count);
            for (int o = 0; o < out.channels(); o++) {
                Arrays.fill(channelMajor, o * width, (o + 1) * width, b[o]);
            }
            product.multiply(weight.values(), columns, channelMajor, out.channels(), depth, width, true);
            // [out, example, position] → [example, out, position]
            for (int e = 0; e < count; e++) {
                for (int o = 0; o < out.channels(); o++) {
                    System.arraycopy(channelMajor, o * width + e * positions, output,
                            ((first + e) * out.channels() + o) * positions, positions);
                }
            }
        }
        return output;
    }

    @Override
    public float[] backward(float[] outputGradient, int rows, boolean wantInputGradient) {
        int chunks = (rows + chunk - 1) / chunk;
        if (wantInputGradient) {
            Arrays.fill(inputGradient, 0, rows * in.size(), 0f);
            MatrixProduct.transpose(weight.values(), out.channels(), depth, transposedWeight);
        }
        for (int first = 0; first < rows; first += chunk) {
            int count = Math.min(chunk, rows - first);
            int width = count * positions;
            gatherGradient(outputGradient, first, count);
            if (chunks > 1) {
                toColumns(input, first, count);   // a single chunk is still there from the forward pass
            }
            // [dW | db] (+)= dY [X; 1]ᵀ: db_o is the chain of fma(dy, 1, s) = s + dy, the plain sum in order
            if (narrow != null) {
                narrow.multiplyTransposeB(channelMajor, columns, parameterGradient, out.channels(), width, depth + 1,
                        first > 0);
            } else {
                product.multiplyTransposeB(channelMajor, columns, parameterGradient, out.channels(), width, depth + 1,
                        first > 0);
            }
            if (wantInputGradient) {
                product.multiply(transposedWeight, channelMajor, columnGradient, depth, out.channels(), width, false);
                fromColumns(first, count);
            }
        }
        float[] dw = weight.gradient();
        float[] db = bias.gradient();
        for (int o = 0; o < out.channels(); o++) {
            System.arraycopy(parameterGradient, o * (depth + 1), dw, o * depth, depth);
            db[o] = parameterGradient[o * (depth + 1) + depth];
        }
        return wantInputGradient ? inputGradient : null;
    }

    /** Copies dY of examples first … first + count − 1 from [example, out, position] into [out, example·position]. */
    private void gatherGradient(float[] outputGradient, int first, int count) {
        int width = count * positions;
        int channels = out.channels();
        for (int e = 0; e < count; e++) {
            for (int o = 0; o < channels; o++) {
                System.arraycopy(outputGradient, ((first + e) * channels + o) * positions, channelMajor,
                        o * width + e * positions, positions);
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /**
     * Fills X [depth, count·positions] from examples first … first + count − 1: row (c, u, v), column
     * (e, i, j) holds x_e[c, s·i + u − p, s·j + v − p], or 0 in the padding. Output columns j in
     * [{@link #firstInside}, {@link #endInside}) read inside the image; with stride 1 they are one contiguous copy.
     * Row depth, below X, is all ones.
     */
    private void toColumns(float[] source, int first, int count) {
        int width = count * positions;
        int outWidth = out.width();
        for (int c = 0; c < in.channels(); c++) {
            for (int u = 0; u < kernel; u++) {
                for (int v = 0; v < kernel; v++) {
                    int row = ((c * kernel + u) * kernel + v) * width;
                    int from = firstInside(v);
                    int to = Math.max(from, endInside(v));
                    for (int e = 0; e < count; e++) {
                        int plane = ((first + e) * in.channels() + c) * in.plane();
                        for (int i = 0; i < out.height(); i++) {
                            int target = row + e * positions + i * outWidth;
                            int y = stride * i + u - padding;
                            if (y < 0 || y >= in.height()) {
                                Arrays.fill(columns, target, target + outWidth, 0f);
                                continue;
                            }
                            Arrays.fill(columns, target, target + from, 0f);
                            int line = plane + y * in.width() + v - padding;
                            if (stride == 1) {
                                System.arraycopy(source, line + from, columns, target + from, to - from);
                            } else {
                                for (int j = from; j < to; j++) {
                                    columns[target + j] = source[line + stride * j];
                                }
                            }
                            Arrays.fill(columns, target + to, target + outWidth, 0f);
                        }
                    }
                }
            }
        }
        Arrays.fill(columns, depth * width, (depth + 1) * width, 1f);
    }

    /** Adds dX [depth, count·positions] back onto the input gradient of the same examples (col2im). */
    private void fromColumns(int first, int count) {
        int width = count * positions;
        int outWidth = out.width();
        for (int c = 0; c < in.channels(); c++) {
            for (int u = 0; u < kernel; u++) {
                for (int v = 0; v < kernel; v++) {
                    int row = ((c * kernel + u) * kernel + v) * width;
                    int from = firstInside(v);
                    int to = endInside(v);
                    for (int e = 0; e < count; e++) {
                        int plane = ((first + e) * in.channels() + c) * in.plane();
                        for (int i = 0; i < out.height(); i++) {
                            int y = stride * i + u - padding;
                            if (y < 0 || y >= in.height()) {
                                continue;
                            }
                            int source = row + e * positions + i * outWidth;
                            int line = plane + y * in.width() + v - padding;
                            if (stride == 1) {
                                addRun(source + from, line + from, to - from);
                            } else {
                                for (int j = from; j < to; j++) {
                                    inputGradient[line + stride * j] += columnGradient[source + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** inputGradient[to + j] += columnGradient[from + j] for j in [0, length): a loop C2 vectorises. */
    private void addRun(int from, int to, int length) {
        float[] target = inputGradient;
        float[] source = columnGradient;
        for (int j = 0; j < length; j++) {
            target[to + j] += source[from + j];
        }
    }

    /** The first output column j whose kernel column v falls inside the image: s·j + v − p ≥ 0. */
    private int firstInside(int v) {
        return Math.max(0, (padding - v + stride - 1) / stride);
    }

    /** One past the last output column j whose kernel column v falls inside the image: s·j + v − p < W. */
    private int endInside(int v) {
        int last = in.width() - 1 + padding - v;
        return last < 0 ? 0 : Math.min(out.width(), last / stride + 1);
    }
}
