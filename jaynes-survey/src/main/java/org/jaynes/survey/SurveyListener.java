package org.jaynes.survey;

/** Progress of a survey: models finished of all, and bytes of the models done of all their bytes. */
@FunctionalInterface
public interface SurveyListener {

    SurveyListener NONE = (modelsDone, models, bytesDone, bytes) -> { };

    void progress(int modelsDone, int models, long bytesDone, long bytes);
}
