package org.jaynes.capture.onnx;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.numbers.gamma.Erf;

/**
 * The fixture model capture.onnx computed by hand in double precision from its weights, as
 * tools/make_capture_fixtures.py describes it: every site's values by tensor name.
 */
final class ForwardPass {

    private final NpzArrays weights;

    ForwardPass(NpzArrays weights) {
        this.weights = weights;
    }

    /** The sites' and outputs' values for tokens {@code x} [T, 4] and {@code mask} [T]. */
    Map<String, double[][]> run(double[][] x, double[] mask) throws IOException {
        Map<String, double[][]> out = new LinkedHashMap<>();
        double[][] h1 = map(add(matmul(x, w("w1", 4, 6)), b("b1")), v -> Math.max(v, 0));
        double[][] h2 = map(matmul(h1, w("w2", 6, 6)), Math::tanh);
        double[][] g1 = map(add(matmul(h2, w("w3", 6, 6)), b("b3")), ForwardPass::gelu);
        double[][] g2 = map(matmul(g1, w("w4", 6, 6)), ForwardPass::gelu);
        double[][] g3 = map(g2, ForwardPass::gelu);
        double[][] g4 = map(g3, ForwardPass::gelu);
        double[][] gate = map(matmul(g4, w("wg", 6, 6)), v -> 1 / (1 + Math.exp(-v)));
        double[][] m = new double[g4.length][6];
        for (int t = 0; t < m.length; t++) {
            for (int j = 0; j < 6; j++) {
                m[t][j] = g4[t][j] * gate[t][j];
            }
        }
        double[][] q = matmul(m, w("wq", 6, 4));
        double[][] k = matmul(m, w("wk", 6, 4));
        double[][] value = matmul(m, w("wv", 6, 4));
        double[][] scores = matmul(q, transpose(k));
        for (double[] row : scores) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] / 2 + mask[j];
            }
        }
        double[][] p = softmax(scores);
        double[][] probs = softmax(add(matmul(matmul(p, value), w("wc", 4, 3)), b("bc")));
        double[][] decoy = new double[h1.length][6];
        for (int t = 0; t < decoy.length; t++) {
            for (int j = 0; j < 6; j++) {
                decoy[t][j] = (1 + Erf.value(h1[t][j] / Math.sqrt(2))) * h2[t][j] * 0.5;
            }
        }
        out.put("h1", h1);
        out.put("h2", h2);
        out.put("g1", g1);
        out.put("g2", g2);
        out.put("g3", g3);
        out.put("g4", g4);
        out.put("gate", gate);
        out.put("p", p);
        out.put("probs", probs);
        out.put("decoy", decoy);
        return out;
    }

    static double gelu(double v) {
        return 0.5 * v * (1 + Erf.value(v / Math.sqrt(2)));
    }

    private double[][] w(String name, int rows, int columns) throws IOException {
        float[] values = weights.floats(name);
        double[][] matrix = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                matrix[i][j] = values[i * columns + j];
            }
        }
        return matrix;
    }

    private double[] b(String name) throws IOException {
        float[] values = weights.floats(name);
        double[] bias = new double[values.length];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = values[i];
        }
        return bias;
    }

    private static double[][] matmul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] add(double[][] a, double[] bias) {
        return mapIndexed(a, (j, v) -> v + bias[j]);
    }

    private static double[][] map(double[][] a, java.util.function.DoubleUnaryOperator f) {
        return mapIndexed(a, (j, v) -> f.applyAsDouble(v));
    }

    private interface IndexedOperator {
        double apply(int column, double value);
    }

    private static double[][] mapIndexed(double[][] a, IndexedOperator f) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                b[i][j] = f.apply(j, a[i][j]);
            }
        }
        return b;
    }

    private static double[][] softmax(double[][] a) {
        double[][] s = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : a[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            s[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                s[i][j] = Math.exp(a[i][j] - max);
                sum += s[i][j];
            }
            for (int j = 0; j < a[i].length; j++) {
                s[i][j] /= sum;
            }
        }
        return s;
    }
}
