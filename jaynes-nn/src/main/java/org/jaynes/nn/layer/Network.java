package org.jaynes.nn.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jaynes.formats.naming.LayerNames;
import org.jaynes.nn.tensor.ImageShape;
import org.jaynes.nn.tensor.MatrixProduct;

/**
 * A feed-forward stack of layers. {@link #mlp} builds PyTorch's
 * {@code nn.Sequential(Linear, act, Linear, act, …, Linear)} with the same parameter names
 * ({@code layers.0.weight}, {@code layers.0.bias}, {@code layers.2.weight}, …), all zero until an
 * initialiser fills them; {@link #cnn} puts convolution blocks in front, named by the same rule. Not
 * thread-safe.
 */
public final class Network {

    private static final int POOL = 2;

    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final List<Dense> dense;
    private final List<WeightedLayer> weighted;
    private final int maxRows;

    private Network(List<Layer> layers, int maxRows) {
        this.layers = List.copyOf(layers);
        this.maxRows = maxRows;
        List<Parameter> all = new ArrayList<>();
        List<Dense> linear = new ArrayList<>();
        List<WeightedLayer> withWeights = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
            if (layer instanceof Dense d) {
                linear.add(d);
            }
            WeightedLayer w = WeightedLayer.of(layer);
            if (w != null) {
                withWeights.add(w);
            }
        }
        this.parameters = Collections.unmodifiableList(all);
        this.dense = Collections.unmodifiableList(linear);
        this.weighted = Collections.unmodifiableList(withWeights);
    }

    /**
     * A multilayer perceptron with the given widths, input first: {@code [784, 256, 10]} has two dense layers.
     *
     * @param maxRows the largest batch it will see (training or evaluation)
     */
    public static Network mlp(int[] widths, ActivationFunction activation, int maxRows, MatrixProduct product) {
        checkWidths(widths);
        List<Layer> layers = new ArrayList<>();
        addDense(layers, 0, widths, activation, maxRows, product);
        return new Network(layers, maxRows);
    }

    /** {@link #cnn(ImageShape, List, int[], ActivationFunction, int, MatrixProduct)} with 3×3 blocks, padding 1. */
    public static Network cnn(ImageShape input, int[] channels, int[] widths, ActivationFunction activation,
                              int maxRows, MatrixProduct product) {
        return cnn(input, ConvBlock.of(channels), widths, activation, maxRows, product);
    }

    /**
     * A convolutional network: for each of {@code blocks} a convolution (its kernel, stride and padding) →
     * activation → max-pool 2×2, then the dense layers of {@code widths}, whose first width must be the number
     * of values the blocks leave ({@link #afterBlocks}). Parameter names are those of
     * <pre>{@code
     * layers = nn.Sequential(
     *     nn.Conv2d(C, c0, k0, stride=s0, padding=p0), act, nn.MaxPool2d(2),   # layers.0
     *     nn.Conv2d(c0, c1, k1, stride=s1, padding=p1), act, nn.MaxPool2d(2),  # layers.3
     *     nn.Flatten(),                                                      # layers.6, no parameters
     *     nn.Linear(widths[0], widths[1]), act, …, nn.Linear(…, widths[last]))   # layers.7, …
     * }</pre>
     * fed images [N, C, H, W]; the flatten is implicit here because rows are already flat.
     *
     * @throws IllegalArgumentException when the blocks do not fit the image or widths[0] is not what they leave
     */
    public static Network cnn(ImageShape input, List<ConvBlock> blocks, int[] widths, ActivationFunction activation,
                              int maxRows, MatrixProduct product) {
        checkCnn(input, blocks, widths);
        List<Layer> layers = new ArrayList<>();
        ImageShape shape = input;
        for (ConvBlock b : blocks) {
            Conv2d conv = new Conv2d("layers." + layers.size(), shape, b.channels(), b.kernel(), b.stride(),
                    b.padding(), maxRows, product);
            layers.add(conv);
            layers.add(new Activation(activation, conv.outputSize(), maxRows));
            MaxPool2d pool = new MaxPool2d(conv.outputShape(), POOL, maxRows);
            layers.add(pool);
            shape = pool.outputShape();
        }
        addDense(layers, 1, widths, activation, maxRows, product);
        return new Network(layers, maxRows);
    }

    /**
     * Checks that {@code blocks} fit images of {@code input} and leave {@code widths[0]} values, as
     * {@link #cnn} needs; callers check input with it before any work.
     *
     * @throws IllegalArgumentException when they do not
     */
    public static void checkCnn(ImageShape input, List<ConvBlock> blocks, int[] widths) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a convolutional network needs at least one block of channels");
        }
        checkWidths(widths);
        ImageShape flat = afterBlocks(input, blocks);
        if (widths[0] != flat.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the dense layers %s need %d inputs, but "
                    + "the conv blocks %s turn %s images into %s = %d values", text(widths), widths[0],
                    ConvBlock.toString(blocks), input, flat, flat.size()));
        }
    }

    private static void checkWidths(int[] widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width");
        }
    }

    /** {@link #afterBlocks(ImageShape, List)} of 3×3 blocks with padding 1, which keep the size before the pool. */
    public static ImageShape afterBlocks(ImageShape input, int[] channels) {
        for (int c : channels) {
            if (c < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the conv blocks %s do not fit %s "
                        + "images: each needs a positive channel count", text(channels), input));
            }
        }
        return afterBlocks(input, ConvBlock.of(channels));
    }

    /**
     * The shape the conv blocks of {@link #cnn} leave of an {@code input} image: each convolution makes
     * ⌊(H + 2p − k) / s⌋ + 1 rows (and columns likewise), which the pool then halves, rounding down.
     *
     * @throws IllegalArgumentException when a block's kernel does not fit or the image becomes too small to pool
     */
    public static ImageShape afterBlocks(ImageShape input, List<ConvBlock> blocks) {
        ImageShape shape = input;
        for (ConvBlock b : blocks) {
            int height = Conv2d.outputSide(shape.height(), b.kernel(), b.stride(), b.padding());
            int width = Conv2d.outputSide(shape.width(), b.kernel(), b.stride(), b.padding());
            if (height < POOL || width < POOL) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the conv blocks %s do not fit %s "
                        + "images: block %s makes %dx%d of %s, too small for the 2x2 pool", ConvBlock.toString(blocks), input, b,
                        Math.max(height, 0), Math.max(width, 0), shape));
            }
            shape = new ImageShape(b.channels(), height / POOL, width / POOL);
        }
        return shape;
    }

    /**
     * Appends dense layers with activations between them, indexed as if {@code skipped} parameterless modules
     * (a flatten) stood before them in the {@code nn.Sequential}.
     */
    private static void addDense(List<Layer> layers, int skipped, int[] widths, ActivationFunction activation,
                                 int maxRows, MatrixProduct product) {
        for (int i = 0; i + 1 < widths.length; i++) {
            String name = "layers." + (layers.size() + skipped);
            layers.add(new Dense(name, widths[i], widths[i + 1], maxRows, product));
            if (i + 2 < widths.length) {
                layers.add(new Activation(activation, widths[i + 1], maxRows));
            }
        }
    }

    private static String text(int[] values) {
        StringBuilder text = new StringBuilder();
        for (int v : values) {
            text.append(text.length() == 0 ? "" : ",").append(v);
        }
        return text.toString();
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Every trainable tensor, in layer order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The dense layers, in order. */
    public List<Dense> denseLayers() {
        return dense;
    }

    /** Every layer with a weight (convolutions and dense layers), in order, with its fans. */
    public List<WeightedLayer> weightedLayers() {
        return weighted;
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    public int maxRows() {
        return maxRows;
    }

    /** The logits for {@code rows} input rows; a buffer of the last layer. */
    public float[] forward(float[] input, int rows) {
        return forward(input, rows, null);
    }

    /** Receives the neuron outputs of each activation layer during a forward pass. */
    @FunctionalInterface
    public interface OutputSink {

        /**
         * @param activation the layer's index in {@link #activationNames()}
         * @param values     its outputs, rows × width row-major, valid only during the call
         * @param length     how many of {@code values} belong to this pass
         */
        void accept(int activation, float[] values, int length);
    }

    /**
     * The logits for {@code rows} input rows, handing {@code sink} (when not null) each activation layer's
     * outputs as they are computed: how a trained network's neuron outputs are measured (docs/theory.md §3).
     */
    public float[] forward(float[] input, int rows, OutputSink sink) {
        if (rows < 1 || rows > maxRows) {
            throw new IllegalArgumentException("rows must be in [1, " + maxRows + "], not " + rows);
        }
        float[] x = input;
        int activation = 0;
        for (Layer layer : layers) {
            x = layer.forward(x, rows);
            if (layer instanceof Activation a && sink != null) {
                sink.accept(activation, x, rows * a.outputSize());
            }
            if (layer instanceof Activation) {
                activation++;
            }
        }
        return x;
    }

    /**
     * The name of each activation layer's outputs, in order: the layer that feeds it and the function, e.g.
     * {@code layers.0.relu} for the ReLU after {@code layers.0.weight}.
     */
    public List<String> activationNames() {
        List<String> names = new ArrayList<>();
        String feeding = "input";
        for (Layer layer : layers) {
            WeightedLayer weighted = WeightedLayer.of(layer);
            if (weighted != null) {
                feeding = LayerNames.withoutWeightSuffix(weighted.weight().name());
            } else if (layer instanceof Activation a) {
                names.add(feeding + "." + a.function().label());
            }
        }
        return names;
    }

    /** Sets every parameter's gradient from dL/d(logits) of the last forward pass. */
    public void backward(float[] logitGradient, int rows) {
        float[] g = logitGradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, rows, i > 0);
        }
    }
}
