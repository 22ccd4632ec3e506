package org.jaynes.nn.layer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jaynes.core.Checks;
import org.jaynes.nn.tensor.ImageShape;

/**
 * Max pooling over k×k windows with stride k, as PyTorch's {@code nn.MaxPool2d(k)}: y[c, i, j] is the largest
 * x[c, k·i + u, k·j + v] over u, v in [0, k); rows and columns beyond the last whole window are dropped
 * (H' = ⌊H/k⌋, W' = ⌊W/k⌋). Rows are NCHW examples (see {@link ImageShape}).
 *
 * <p>The gradient goes to the position of the maximum; of equal values the first in row-major order wins, and
 * a NaN wins over any number (it propagates, as in PyTorch). The windows do not overlap, so each input gets
 * the gradient of at most one output. Buffers are allocated once for {@code maxRows}. Not thread-safe.
 */
public final class MaxPool2d implements ImageLayer {

    private final ImageShape in;
    private final ImageShape out;
    private final int window;
    private final int[] argmax;
    private final float[] output;
    private final float[] inputGradient;

    /**
     * @param window the side k of the windows and their stride
     * @throws IllegalArgumentException when k is not positive or larger than the image
     */
    public MaxPool2d(ImageShape input, int window, int maxRows) {
        if (window < 1 || window > input.height() || window > input.width()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %dx%d pooling window does not fit a %s "
                    + "image", window, window, input));
        }
        Checks.atLeast("rows", maxRows, 1);
        this.in = input;
        this.out = new ImageShape(input.channels(), input.height() / window, input.width() / window);
        this.window = window;
        this.argmax = new int[Math.multiplyExact(out.size(), maxRows)];
        this.output = new float[argmax.length];
        this.inputGradient = new float[Math.multiplyExact(input.size(), maxRows)];
    }

    @Override
    public ImageShape inputShape() {
        return in;
    }

    @Override
    public ImageShape outputShape() {
        return out;
    }

    @Override
    public float[] forward(float[] input, int rows) {
        if (window == 2) {
            return forwardTwo(input, rows);
        }
        int planes = rows * in.channels();
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * in.plane();
            for (int i = 0; i < out.height(); i++) {
                for (int j = 0; j < out.width(); j++) {
                    int corner = plane + i * window * in.width() + j * window;
                    int best = corner;
                    int most = orderKey(input[corner]);
                    for (int u = 0; u < window; u++) {
                        int line = corner + u * in.width();
                        for (int v = 0; v < window; v++) {
                            int key = orderKey(input[line + v]);
                            // strictly greater: the first of equal keys stays
                            best = key > most ? line + v : best;
                            most = Math.max(most, key);
                        }
                    }
                    float max = input[best];
                    output[o] = max;
                    argmax[o] = best;
                    o++;
                }
            }
        }
        return output;
    }

    /**
     * {@link #forward} for 2×2 windows, where each choice is arithmetic rather than a branch: the first of two
     * keys wins unless the second is strictly greater, as in the general loop, so the results are the same.
     */
    private float[] forwardTwo(float[] input, int rows) {
        int planes = rows * in.channels();
        int width = in.width();
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * in.plane();
            for (int i = 0; i < out.height(); i++) {
                int top = plane + 2 * i * width;
                for (int j = 0; j < out.width(); j++) {
                    int a = top + 2 * j;
                    int c = a + width;
                    int k0 = orderKey(input[a]);
                    int k1 = orderKey(input[a + 1]);
                    int k2 = orderKey(input[c]);
                    int k3 = orderKey(input[c + 1]);
                    int upper = a + greater(k1, k0);
                    int lower = c + greater(k3, k2);
                    int best = upper + (lower - upper) * greater(Math.max(k2, k3), Math.max(k0, k1));
                    output[o] = input[best];
                    argmax[o] = best;
                    o++;
                }
            }
        }
        return output;
    }

    /** 1 when x &gt; y, else 0, without a branch: the sign of y − x, computed in long so that it cannot overflow. */
    private static int greater(int x, int y) {
        return (int) (((long) y - x) >>> 63);
    }

    /**
     * An int whose order is the pooling's order of floats: numbers by value with −0 equal to +0, any NaN above
     * every number and equal to every other NaN. Implementation note: comparing these ints lets C2 use
     * conditional moves; the float comparisons branched, and the branches (which of four values is largest)
     * were mispredicted often enough to cost a tenth of a CNN epoch.
     */
    static int orderKey(float x) {
        int bits = Float.floatToRawIntBits(x);
        int magnitude = bits & 0x7FFFFFFF;
        int sign = bits >> 31;
        int nan = (0x7F800000 - magnitude) >> 31;
        return (((magnitude ^ sign) - sign) & ~nan) | (Integer.MAX_VALUE & nan);
    }

    @Override
    public float[] backward(float[] outputGradient, int rows, boolean wantInputGradient) {
        if (!wantInputGradient) {
            return null;
        }
        Arrays.fill(inputGradient, 0, rows * in.size(), 0f);
        int outputs = rows * out.size();
        for (int o = 0; o < outputs; o++) {
            inputGradient[argmax[o]] = outputGradient[o];
        }
        return inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
