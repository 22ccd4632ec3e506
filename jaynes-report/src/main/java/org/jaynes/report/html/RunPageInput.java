package org.jaynes.report.html;

import java.util.List;
import java.util.Map;

/**
 * What a page about a training run states above its sections ({@link RunHeader#page}): its title, the
 * data set and its split, the options as the command line spells them and the conventions.
 */
sealed interface RunPageInput permits TrainingInput, InitExperimentInput {

    String title();

    String data();

    long trainSize();

    long testSize();

    List<Map.Entry<String, String>> options();

    List<Map.Entry<String, String>> conventions();
}
