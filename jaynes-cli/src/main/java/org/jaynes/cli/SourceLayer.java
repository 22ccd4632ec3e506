package org.jaynes.cli;

import java.nio.file.Path;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.tensor.Tensor;

/**
 * A layer read from a model to start a simulation from: its fitted lognormal of |w| and its cells of ln|w|.
 *
 * @param model  the model as named
 * @param tensor the layer's tensor
 * @param fit    sums and cells of its non-zero finite values
 */
record SourceLayer(Path model, Tensor tensor, FitInput fit) {

    double mu() {
        return fit.meanLog();
    }

    double sigma() {
        return Math.sqrt(fit.varianceLog());
    }
}
