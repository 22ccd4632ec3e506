package org.jaynes.core.model;

import java.util.List;
import org.jaynes.core.tensor.Tensor;

/**
 * A model as read from its file or folder: every tensor it stores, in file order.
 *
 * @param path    the file or folder as the user named it
 * @param format  the format it was read as
 * @param tensors every tensor, none skipped
 */
public record Model(String path, ModelFormat format, List<Tensor> tensors) {

    public Model {
        tensors = List.copyOf(tensors);
    }

    /** The number of stored values over all tensors. */
    public long parameters() {
        long n = 0;
        for (Tensor t : tensors) {
            n += t.elementCount();
        }
        return n;
    }
}
