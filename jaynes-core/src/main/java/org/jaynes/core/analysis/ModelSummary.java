package org.jaynes.core.analysis;

import org.jaynes.core.model.ModelFormat;

/**
 * The model a report is about.
 *
 * @param path       the file or folder as the user named it
 * @param parameters values over all tensors, populations or not
 * @param tensors    tensors in the model
 */
public record ModelSummary(String path, ModelFormat format, long parameters, int tensors) {
}
