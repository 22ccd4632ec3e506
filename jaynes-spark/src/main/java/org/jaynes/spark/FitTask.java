package org.jaynes.spark;

import java.io.Serializable;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisSteps;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.TensorInfo;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.Refinement;
import org.jaynes.core.stats.RefiningAccumulator;

/**
 * The last step of one population's analysis, shipped to an executor: its merged first read, refined with
 * its fine counts when it has them, and fitted. Needs nothing of the model's files, so any executor can take it.
 *
 * @param population the population's index in the model (it seeds the Gaussian baseline)
 * @param own        the cells the population wanted refined; null with {@code fine}
 * @param counted    the cells its second read counted; null with {@code fine}
 * @param fine       those counts; null when the population had no second read
 */
record FitTask(int population, TensorInfo tensor, PopulationAccumulator accumulator, Refinement own,
               Refinement counted, LogAbsHistogram fine) implements Serializable {

    /** The population's analysis under {@code options}, as {@code ModelAnalyzer} makes it. */
    LayerResult analyse(AnalysisOptions options) {
        if (fine != null) {
            ((RefiningAccumulator) accumulator).refine(own, counted, fine);
        }
        return AnalysisSteps.analyse(tensor, accumulator, population, options);
    }
}
