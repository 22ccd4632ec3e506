package org.jaynes.core.model;

import java.util.Locale;

/** The file formats jaynes reads. */
public enum ModelFormat {
    SAFETENSORS,
    ONNX,
    GGUF,
    PYTORCH,
    NUMPY,
    KERAS,
    TFLITE,
    TFJS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
