package org.jaynes.core.analysis;

import java.io.Serializable;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;

/**
 * What a report says about a tensor besides its statistics.
 *
 * @param name   the layer as users know it
 * @param tensor the name stored in the file
 */
public record TensorInfo(String name, String tensor, Role role, Shape shape, DType dtype) implements Serializable {

    public static TensorInfo of(Tensor t) {
        return new TensorInfo(t.name(), t.storedName(), t.role(), t.shape(), t.dtype());
    }
}
