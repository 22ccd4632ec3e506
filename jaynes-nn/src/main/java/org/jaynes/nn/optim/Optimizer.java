package org.jaynes.nn.optim;

import java.util.List;
import org.jaynes.nn.layer.Parameter;

/**
 * Updates parameters in place from their gradients, PyTorch's rules in float:
 * <ul>
 * <li>SGD: g ← ∇ + λw; v ← m v + g; w ← w − η v.</li>
 * <li>Adam: g ← ∇ + λw; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 *     w ← w − η (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε) (Kingma and Ba 2015, arXiv:1412.6980).</li>
 * <li>AdamW: as Adam with g = ∇, after w ← w (1 − ηλ) (Loshchilov and Hutter 2019, arXiv:1711.05101).</li>
 * </ul>
 * State arrays are allocated once, at construction. Not thread-safe.
 */
public final class Optimizer {

    private final OptimizerOptions options;
    private final List<Parameter> parameters;
    private final float[][] first;
    private final float[][] second;
    private long steps;

    public Optimizer(OptimizerOptions options, List<Parameter> parameters) {
        this.options = options;
        this.parameters = List.copyOf(parameters);
        this.first = new float[parameters.size()][];
        this.second = new float[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            first[i] = new float[parameters.get(i).size()];
            second[i] = options.kind() == OptimizerKind.SGD ? null : new float[parameters.get(i).size()];
        }
    }

    public OptimizerOptions options() {
        return options;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** One update of every parameter from its current gradient. */
    public void step() {
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (options.kind() == OptimizerKind.SGD) {
                sgd(p.values(), p.gradient(), first[i]);
            } else {
                adam(p.values(), p.gradient(), first[i], second[i]);
            }
        }
    }

    private void sgd(float[] w, float[] grad, float[] velocity) {
        float lr = (float) options.learningRate();
        float momentum = (float) options.momentum();
        float decay = (float) options.weightDecay();
        boolean first = steps == 1;
        for (int j = 0; j < w.length; j++) {
            float g = grad[j] + decay * w[j];
            float v = first ? g : momentum * velocity[j] + g;
            velocity[j] = v;
            w[j] -= lr * v;
        }
    }

    private void adam(float[] w, float[] grad, float[] m, float[] v) {
        float lr = (float) options.learningRate();
        float b1 = (float) options.beta1();
        float b2 = (float) options.beta2();
        float eps = (float) options.epsilon();
        boolean decoupled = options.kind() == OptimizerKind.ADAMW;
        float decay = (float) options.weightDecay();
        float correction1 = (float) (1 - Math.pow(options.beta1(), steps));
        float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(options.beta2(), steps));
        float stepSize = lr / correction1;
        float shrink = decoupled ? 1f - lr * decay : 1f;
        for (int j = 0; j < w.length; j++) {
            float g = decoupled ? grad[j] : grad[j] + decay * w[j];
            float mj = b1 * m[j] + (1 - b1) * g;
            float vj = b2 * v[j] + (1 - b2) * g * g;
            m[j] = mj;
            v[j] = vj;
            float denominator = (float) Math.sqrt(vj) / correction2Sqrt + eps;
            w[j] = w[j] * shrink - stepSize * mj / denominator;
        }
    }
}
