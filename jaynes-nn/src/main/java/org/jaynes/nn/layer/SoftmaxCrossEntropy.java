package org.jaynes.nn.layer;

/**
 * The mean softmax cross-entropy of a batch, L = −(1/B) Σ_r ln softmax(z_r)[y_r], and its gradient
 * dL/dz_r = (softmax(z_r) − onehot(y_r)) / B. Each row is shifted by its maximum before exponentiating,
 * so any finite logits work; sums are taken in double. Buffers are allocated once. Not thread-safe.
 */
public final class SoftmaxCrossEntropy {

    private final int classes;
    private final float[] gradient;
    /** exp(z_c − max) of the current row, computed once for the sum and the gradient. */
    private final double[] exponentials;

    public SoftmaxCrossEntropy(int classes, int maxRows) {
        this.classes = classes;
        this.gradient = new float[Math.multiplyExact(classes, maxRows)];
        this.exponentials = new double[classes];
    }

    /** The summed (not mean) loss of the rows, and the number of rows whose arg-max is the label. */
    public record BatchLoss(double sum, int correct) {
    }

    /** The loss summed over the rows, without a gradient, and how many rows are classified correctly. */
    public BatchLoss evaluate(float[] logits, int[] labels, int labelOffset, int rows) {
        double sum = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int best = 0;
            float max = logits[base];
            for (int c = 1; c < classes; c++) {
                if (logits[base + c] > max) {
                    max = logits[base + c];
                    best = c;
                }
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits[base + c] - max);
            }
            int label = labels[labelOffset + r];
            sum += Math.log(z) - (logits[base + label] - max);
            if (best == label) {
                correct++;
            }
        }
        return new BatchLoss(sum, correct);
    }

    /**
     * The mean loss of the rows; fills {@link #gradient()} with dL/dz of the mean.
     *
     * @param labels the class of each row, from {@code labelOffset}
     */
    public double lossAndGradient(float[] logits, int[] labels, int labelOffset, int rows) {
        double sum = 0;
        double scale = 1.0 / rows;
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float max = logits[base];
            for (int c = 1; c < classes; c++) {
                max = Math.max(max, logits[base + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                exponentials[c] = Math.exp(logits[base + c] - max);
                z += exponentials[c];
            }
            int label = labels[labelOffset + r];
            sum += Math.log(z) - (logits[base + label] - max);
            for (int c = 0; c < classes; c++) {
                double p = exponentials[c] / z;
                gradient[base + c] = (float) ((p - (c == label ? 1 : 0)) * scale);
            }
        }
        return sum * scale;
    }

    /** dL/dz of the last {@link #lossAndGradient}, live. */
    public float[] gradient() {
        return gradient;
    }
}
