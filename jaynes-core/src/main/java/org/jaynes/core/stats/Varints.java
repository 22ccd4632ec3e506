package org.jaynes.core.stats;

import java.io.InvalidObjectException;

/**
 * Unsigned variable-length integers, 7 bits a byte, low bits first, the high bit set on every byte but the
 * last: the serialized counts of {@link SparseCounts} and of {@link LogAbsHistogram}'s pages, gathered into
 * one block of bytes so that a stream sees one write per table or page.
 */
final class Varints {

    private Varints() {
    }

    /** Puts {@code value} (unsigned) at {@code block[at]}; returns the index after it. */
    static int put(byte[] block, int at, long value) {
        long rest = value;
        int next = at;
        while ((rest & ~0x7FL) != 0) {
            block[next++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        block[next++] = (byte) rest;
        return next;
    }

    /**
     * The varint at {@code block[at[0]]}, of at most {@code maxBytes} bytes and within the first {@code length}
     * bytes of the block; {@code at[0]} is moved past it.
     *
     * @param ended what the refusal says when the block ends inside the varint
     */
    static long read(byte[] block, int length, int[] at, int maxBytes, String ended) throws InvalidObjectException {
        long value = 0;
        for (int shift = 0; shift < 7 * maxBytes; shift += 7) {
            if (at[0] >= length) {
                throw new InvalidObjectException(ended);
            }
            int b = block[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new InvalidObjectException("a count of more than " + maxBytes + " bytes");
    }
}
