package org.jaynes.report.html;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jaynes.core.analysis.ActivationAnalysis;
import org.jaynes.core.analysis.ActivationInputs;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.core.analysis.ActivationSite;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;

/**
 * Seeded neuron outputs of three layers analysed for real: a ReLU layer (a third exact zeros), a GELU layer
 * (a quarter negative) and a softmax over rows, beside the weights of {@link LayeredSample} (the GELU layer is
 * named so that it pairs with {@code blocks.5.weight}).
 */
public final class ActivationSample {

    public static final String RELU = "blocks.0.relu <a&b>";
    public static final String GELU = "blocks.5.gelu";

    private ActivationSample() {
    }

    public static ActivationResult of(Optional<String> warning) throws IOException {
        AnalysisResult weights = LayeredSample.of(AnalysisOptions.DEFAULTS);
        SplittableRandom random = new SplittableRandom(11);
        ActivationSite relu = new ActivationSite(RELU, "/blocks.0/Relu_output_0", "relu");
        ActivationSite gelu = new ActivationSite(GELU, "/blocks.5/Mul_1_output_0", "gelu");
        ActivationSite softmax = new ActivationSite("head.softmax", "probs", "softmax");
        float[] batch = new float[3 * 1024];
        for (int b = 0; b < 4; b++) {
            for (int i = 0; i < batch.length; i++) {
                double g = gaussian(random);
                batch[i] = (float) (random.nextDouble() < 1.0 / 3 ? 0 : Math.exp(-1 + 0.8 * g));
            }
            relu.accept(batch, batch.length);
            for (int i = 0; i < batch.length; i++) {
                double g = gaussian(random);
                batch[i] = (float) ((random.nextDouble() < 0.25 ? -0.1 : 1) * Math.exp(-0.5 + g));
            }
            gelu.accept(batch, batch.length);
            for (int row = 0; row < 3; row++) {
                double sum = 0;
                for (int i = 0; i < 1024; i++) {
                    batch[row * 1024 + i] = (float) Math.exp(gaussian(random));
                    sum += batch[row * 1024 + i];
                }
                for (int i = 0; i < 1024; i++) {
                    batch[row * 1024 + i] /= (float) sum;
                }
            }
            softmax.accept(batch, batch.length);
        }
        ActivationInputs inputs = new ActivationInputs("sentences <test>.txt", 12, 96, 4, warning);
        return ActivationAnalysis.of(weights.model(), AnalysisOptions.DEFAULTS, inputs, List.of(relu, gelu, softmax),
                weights);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
