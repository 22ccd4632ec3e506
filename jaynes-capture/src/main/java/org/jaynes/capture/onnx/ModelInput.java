package org.jaynes.capture.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * One input a model must be fed.
 *
 * @param name  the input's name in the graph
 * @param type  its element type
 * @param shape its dimensions, outermost first; {@link #DYNAMIC} for a symbolic or unknown one.
 *              The array is copied on the way in and out.
 */
public record ModelInput(String name, ElementType type, long[] shape) {

    /** The size of a dimension the model leaves open ({@code batch}, {@code sequence}). */
    public static final long DYNAMIC = -1;

    public ModelInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether dimension {@code axis} may take any size. */
    public boolean isDynamic(int axis) {
        return shape[axis] == DYNAMIC;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInput other && name.equals(other.name) && type == other.type
                && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape));
    }

    /** {@code input_ids int64 [-1, -1]}. */
    @Override
    public String toString() {
        return name + " " + type.label() + " " + Arrays.toString(shape);
    }
}
