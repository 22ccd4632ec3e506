package org.jaynes.survey;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One model of a survey: where it is, the name it goes by in the survey's outputs (unique within the
 * survey, safe as a file name), and its training step when it is a checkpoint of a series.
 */
public record SurveyInput(Path path, String id, OptionalLong step) {
}
