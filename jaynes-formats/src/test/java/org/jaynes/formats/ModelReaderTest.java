package org.jaynes.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelReaderTest {

    @Test
    void lowerCaseNameIsTheLastSegmentInLowerCase() {
        assertEquals("model.safetensors", ModelReader.lowerCaseName(Path.of("Runs", "A", "Model.SafeTensors")));
        assertEquals("weights.h5", ModelReader.lowerCaseName(Path.of("WEIGHTS.H5")));
    }

    @Test
    void lowerCaseNameOfARootIsEmpty() {
        assertEquals("", ModelReader.lowerCaseName(Path.of("/")));
    }
}
