package org.jaynes.formats.keras;

import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import org.jaynes.core.tensor.DType;

/**
 * The element type of an HDF5 dataset as jaynes holds it: a {@link DType} and whether the file stores
 * it big-endian (its values are then byte-swapped window by window).
 *
 * <p>Numeric HDF5 types map as follows: IEEE binary16/32/64 floats to f16/f32/f64, the 16-bit float with
 * 8 exponent and 7 mantissa bits to bf16, integers of 1, 2, 4 and 8 bytes to i8/u8, i16/u16, i32 and
 * i64. Other numeric types (unsigned 32/64-bit integers, floats of other layouts, padded integers) have
 * no DType and are refused by the caller, naming the type. Every other type class (strings, compounds,
 * enums, which is how h5py stores booleans, arrays, references, opaque and variable-length data) is not a
 * tensor: {@link #of} returns empty and the dataset is left out.
 *
 * @param dtype     the element type
 * @param bigEndian whether the file stores elements big-endian
 */
record HdfElement(DType dtype, boolean bigEndian) {

    /** Why a numeric type has no DType, for the caller's message. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String type) {
            super(type, null, false, false);
        }
    }

    /**
     * The element of a dataset of this type, or empty when the type is not numeric.
     *
     * @throws Unsupported for a numeric type jaynes cannot hold; the message describes the type
     */
    static Optional<HdfElement> of(DataType type) throws Unsupported {
        if (type instanceof FloatingPoint floating) {
            return Optional.of(new HdfElement(floatType(floating),
                    isBigEndian(floating.getByteOrder(), type.getSize())));
        }
        if (type instanceof FixedPoint fixed) {
            return Optional.of(new HdfElement(integerType(fixed), isBigEndian(fixed.getByteOrder(), type.getSize())));
        }
        return Optional.empty();
    }

    private static DType floatType(FloatingPoint type) throws Unsupported {
        int bits = type.getSize() * 8;
        int exponent = type.getExponentSize();
        int mantissa = type.getMantissaSize();
        boolean ieeeLayout = type.getBitOffset() == 0 && type.getBitPrecision() == bits
                && type.getMantissaLocation() == 0 && type.getExponentLocation() == mantissa
                && type.getSignLocation() == bits - 1 && exponent + mantissa + 1 == bits;
        if (ieeeLayout) {
            if (bits == 16 && exponent == 5) {
                return DType.F16;
            }
            if (bits == 16 && exponent == 8) {
                return DType.BF16;
            }
            if (bits == 32 && exponent == 8) {
                return DType.F32;
            }
            if (bits == 64 && exponent == 11) {
                return DType.F64;
            }
        }
        throw new Unsupported(String.format(Locale.ROOT,
                "%d-bit floats with %d exponent and %d mantissa bits (jaynes reads f16, bf16, f32 and f64)",
                bits, exponent, mantissa));
    }

    private static DType integerType(FixedPoint type) throws Unsupported {
        int bytes = type.getSize();
        boolean signed = type.isSigned();
        if (type.getBitOffset() == 0 && type.getBitPrecision() == bytes * 8) {
            if (bytes == 1) {
                return signed ? DType.I8 : DType.U8;
            }
            if (bytes == 2) {
                return signed ? DType.I16 : DType.U16;
            }
            if (bytes == 4 && signed) {
                return DType.I32;
            }
            if (bytes == 8 && signed) {
                return DType.I64;
            }
        }
        throw new Unsupported(String.format(Locale.ROOT,
                "%d-byte %s integers with %d bits of precision (jaynes reads i8, u8, i16, u16, i32 and i64)",
                bytes, signed ? "signed" : "unsigned", type.getBitPrecision()));
    }

    private static boolean isBigEndian(ByteOrder order, int size) {
        return size > 1 && order == ByteOrder.BIG_ENDIAN;
    }
}
