package org.jaynes.core.analysis;

/** A tensor that is not a population, and why. */
public record SetAside(TensorInfo tensor, SetAsideReason reason) {
}
