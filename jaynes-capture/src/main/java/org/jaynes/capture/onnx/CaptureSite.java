package org.jaynes.capture.onnx;

import java.util.Objects;

/**
 * One tensor of an ONNX graph whose values are captured while the model runs.
 *
 * @param name       readable, stable and unique within the model: the module path and the kind,
 *                   {@code encoder.layer.0.intermediate.gelu}, {@code encoder.layer.0.attention.probs}
 * @param kind       what the tensor holds
 * @param tensorName the tensor's name in the graph, which becomes a graph output
 */
public record CaptureSite(String name, SiteKind kind, String tensorName) {

    public CaptureSite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tensorName, "tensorName");
    }
}
