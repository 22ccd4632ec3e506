package org.jaynes.core.tensor;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The dimensions of a tensor, outermost first. A scalar has rank 0 and one element.
 *
 * @param dims the dimensions; each is non-negative. The array is copied on the way in and out.
 */
public record Shape(long[] dims) implements Serializable {

    public Shape {
        dims = dims.clone();
        for (long d : dims) {
            if (!(d >= 0)) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
    }

    public static Shape of(long... dims) {
        return new Shape(dims);
    }

    public static Shape of(List<Long> dims) {
        return new Shape(dims.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    /**
     * The number of elements, the product of the dimensions.
     *
     * @throws ArithmeticException if the product overflows a long
     */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Whether {@link #elementCount()} fits a long: what a reader checks of a shape a file claims. */
    public boolean isCountable() {
        return byteCount(1).isPresent();
    }

    /** The elements' bytes at {@code elementBytes} each; empty when the count or the bytes pass a long. */
    public OptionalLong byteCount(long elementBytes) {
        try {
            return OptionalLong.of(Math.multiplyExact(elementCount(), elementBytes));
        } catch (ArithmeticException overflow) {
            return OptionalLong.empty();
        }
    }

    public List<Long> asList() {
        return Arrays.stream(dims).boxed().collect(Collectors.toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [384, 1536]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
