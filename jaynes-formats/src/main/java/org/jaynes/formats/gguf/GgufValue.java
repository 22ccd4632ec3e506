package org.jaynes.formats.gguf;

import java.util.List;

/**
 * A GGUF metadata value. Numbers keep their declared {@link GgufValueType}; arrays keep their element
 * type and length, and their elements when they are small enough to hold (see {@link GgufArray}).
 */
public sealed interface GgufValue {

    /** The value's type as the file declares it. */
    GgufValueType type();

    /**
     * A whole number of one of the integer types. A {@code UINT64} above {@link Long#MAX_VALUE} is held
     * as the long with the same 64 bits: read it with {@link Long#toUnsignedString(long)}.
     */
    record GgufInteger(GgufValueType type, long value) implements GgufValue {
        @Override
        public String toString() {
            return type == GgufValueType.UINT64 ? Long.toUnsignedString(value) : Long.toString(value);
        }
    }

    /** A {@code FLOAT32} (widened exactly) or {@code FLOAT64}. */
    record GgufFloat(GgufValueType type, double value) implements GgufValue {
        @Override
        public String toString() {
            return type == GgufValueType.FLOAT32 ? Float.toString((float) value) : Double.toString(value);
        }
    }

    record GgufBool(boolean value) implements GgufValue {
        @Override
        public GgufValueType type() {
            return GgufValueType.BOOL;
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A string (UTF-8 in the file; malformed bytes become U+FFFD). */
    record GgufString(String value) implements GgufValue {
        @Override
        public GgufValueType type() {
            return GgufValueType.STRING;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * An array. The reader skips the elements of long arrays (a tokenizer's vocabulary, say) and of
     * values past its memory budget: then {@link #elements()} is empty and {@link #isComplete()} false,
     * while {@link #length()} is still the declared count.
     *
     * @param elementType the declared type of every element
     * @param length      the declared number of elements
     * @param elements    every element, or none when the reader skipped them
     */
    record GgufArray(GgufValueType elementType, long length, List<GgufValue> elements) implements GgufValue {

        public GgufArray {
            elements = List.copyOf(elements);
        }

        @Override
        public GgufValueType type() {
            return GgufValueType.ARRAY;
        }

        /** Whether {@link #elements()} holds all {@link #length()} elements. */
        public boolean isComplete() {
            return elements.size() == length;
        }

        @Override
        public String toString() {
            return isComplete() ? elements.toString() : "[" + length + " " + elementType + " values]";
        }
    }

    /** A string the reader skipped because it was longer than it keeps: only its length in bytes is known. */
    record GgufSkippedString(long bytes) implements GgufValue {
        @Override
        public GgufValueType type() {
            return GgufValueType.STRING;
        }

        @Override
        public String toString() {
            return "<string of " + bytes + " bytes>";
        }
    }
}
