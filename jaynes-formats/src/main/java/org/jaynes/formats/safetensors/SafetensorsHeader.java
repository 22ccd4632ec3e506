package org.jaynes.formats.safetensors;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;

/**
 * The checked header of one safetensors file: where its data area starts and every tensor in it, in
 * data order (by first byte; tensors that start at the same byte keep their header order).
 *
 * <p>Reading costs two bounded reads, the 8-byte length and the header; no tensor byte is read and
 * nothing is mapped. A header is accepted when every tensor lies inside the data area, is exactly as
 * long as its shape and dtype need, and shares no byte with another. Gaps between tensors and bytes
 * after the last are allowed, as readers of the format commonly allow them.
 *
 * @param file       the file
 * @param dataStart  file offset of the data area, {@code 8 + header length}
 * @param dataLength bytes in the data area
 * @param entries    the tensors, in data order
 */
record SafetensorsHeader(Path file, long dataStart, long dataLength, List<HeaderEntry> entries) {

    static final String TRUNCATED = "truncated: the file is %d bytes long, too short for the 8-byte header length";
    static final String HEADER_PAST_END =
            "header length %s runs past the end of the file (%d bytes, so at most %d)";
    static final String HEADER_TOO_LONG = "header length %d is over the limit of %d bytes";
    static final String NOT_SAFETENSORS = "not a safetensors file: it does not open with an 8-byte header length "
            + "that fits its %d bytes and then '{'";
    static final String REVERSED = "tensor %s: data_offsets [%d, %d] end before they begin";
    static final String OUTSIDE = "tensor %s: data_offsets [%d, %d] end past the data area of %d bytes";
    static final String TOO_LARGE = "tensor %s: shape %s has too many elements to store";
    static final String WRONG_LENGTH =
            "tensor %s: %s %s needs %d bytes, but data_offsets [%d, %d] hold %d";
    static final String OVERLAP = "tensor %s: data_offsets [%d, %d] overlap tensor %s at [%d, %d]";

    /** The longest header accepted, as in the reference implementation: it bounds the heap a read costs. */
    static final long MAX_HEADER_LENGTH = 100_000_000;

    /** The size of the header length field that opens every file. */
    static final int LENGTH_FIELD = 8;

    SafetensorsHeader {
        entries = List.copyOf(entries);
    }

    /** Reads and checks the header of {@code file}, its tensors within a quarter of the heap. */
    static SafetensorsHeader read(Path file) throws IOException, ModelFormatException {
        return read(file, MetadataBudget.ofHeap());
    }

    /** Reads and checks the header of {@code file}, its tensors within {@code budget}. */
    static SafetensorsHeader read(Path file, MetadataBudget budget) throws IOException, ModelFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < LENGTH_FIELD) {
                throw ModelFormatException.at(file, 0, TRUNCATED, size);
            }
            ByteBuffer opening = readFully(channel, 0, (int) Math.min(size, LENGTH_FIELD + 1));
            long length = opening.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            long room = size - LENGTH_FIELD;
            // the length is an unsigned 64-bit value: negative as a long means beyond any file
            if (length < 0 || length > room) {
                if (size == LENGTH_FIELD || opening.get(LENGTH_FIELD) != '{') {
                    // not a safetensors file at all (a link to some other file, say): its first bytes are
                    // no header length, and showing them as one would echo the file's content
                    throw ModelFormatException.at(file, 0, NOT_SAFETENSORS, size);
                }
                throw ModelFormatException.at(file, 0, HEADER_PAST_END, Long.toUnsignedString(length), size, room);
            }
            if (length > MAX_HEADER_LENGTH) {
                throw ModelFormatException.at(file, 0, HEADER_TOO_LONG, length, MAX_HEADER_LENGTH);
            }
            byte[] header = readFully(channel, LENGTH_FIELD, (int) length).array();
            List<HeaderEntry> entries = HeaderParser.parse(file, header, LENGTH_FIELD, budget);
            long dataStart = LENGTH_FIELD + length;
            return new SafetensorsHeader(file, dataStart, size - dataStart, checked(file, entries, size - dataStart));
        }
    }

    /** The entries in data order, once each is checked against the data area and the others. */
    private static List<HeaderEntry> checked(Path file, List<HeaderEntry> entries, long dataLength)
            throws ModelFormatException {
        for (HeaderEntry e : entries) {
            if (e.end() < e.begin()) {
                throw ModelFormatException.at(file, e.at(), REVERSED, e.name(), e.begin(), e.end());
            }
            if (e.end() > dataLength) {
                throw ModelFormatException.at(file, e.at(), OUTSIDE, e.name(), e.begin(), e.end(), dataLength);
            }
            long needed = byteLength(file, e);
            if (e.end() - e.begin() != needed) {
                throw ModelFormatException.at(file, e.at(), WRONG_LENGTH, e.name(), e.dtype().label(), e.shape(),
                        needed, e.begin(), e.end(), e.end() - e.begin());
            }
        }
        List<HeaderEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(HeaderEntry::begin)); // stable: ties keep header order
        HeaderEntry reach = null; // of the tensors so far, the one ending last
        for (HeaderEntry e : sorted) {
            if (e.begin() == e.end()) {
                continue; // an empty tensor owns no byte
            }
            if (reach != null && e.begin() < reach.end()) {
                throw ModelFormatException.at(file, e.at(), OVERLAP, e.name(), e.begin(), e.end(),
                        reach.name(), reach.begin(), reach.end());
            }
            if (reach == null || e.end() > reach.end()) {
                reach = e;
            }
        }
        return sorted;
    }

    private static long byteLength(Path file, HeaderEntry e) throws ModelFormatException {
        return e.shape().byteCount(e.dtype().byteSize())
                .orElseThrow(() -> ModelFormatException.at(file, e.at(), TOO_LARGE, e.name(), e.shape()));
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file shrank while its header was read");
            }
        }
        return buffer.flip();
    }
}
