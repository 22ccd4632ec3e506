package org.jaynes.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tables of counts come back as they were written, and a corrupt table is refused, never misread. */
class SparseCountsTest {

    @Test
    void tablesComeBackEntryForEntry() throws IOException {
        Random random = new Random(7);
        long[] edges = new long[1 << 16];
        edges[0] = 1;
        edges[127] = 128; // a distance and a count of two bytes each
        edges[edges.length - 1] = Long.MAX_VALUE;
        long[] dense = new long[1 << 16];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = random.nextInt(3) == 0 ? 0 : random.nextLong() >>> random.nextInt(64);
        }
        for (long[] table : new long[][] {new long[0], new long[1 << 16], edges, dense, {0, 0, 5}}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                SparseCounts.write(out, table);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertArrayEquals(table, SparseCounts.read(in));
            }
        }
    }

    @Test
    void aCorruptTableIsRefused() throws IOException {
        byte[] table = written(new long[] {0, 3, 0, 300});
        // length 4, 2 entries, then their bytes: distance 2, count 3, distance 2, count 300 (two bytes)
        assertEquals(4 + 4 + 4 + 5, table.length);
        byte[] outside = table.clone();
        outside[14] = 3; // the second entry would be cell 4 of 4
        assertEquals("cell 4 outside a table of 4", assertThrows(InvalidObjectException.class,
                () -> read(outside)).getMessage());
        byte[] cut = table.clone();
        cut[16] = (byte) 0x82; // the last count's last byte marked as continued: the block ends inside it
        assertEquals("the table's counts end inside a count", assertThrows(InvalidObjectException.class,
                () -> read(cut)).getMessage());
        byte[] tooMany = table.clone();
        tooMany[7] = 5; // 5 entries in a table of 4
        assertThrows(InvalidObjectException.class, () -> read(tooMany));
    }

    /** A small table's serialized bytes, without the object stream's header and its one block marker. */
    private static byte[] written(long[] table) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            SparseCounts.write(out, table);
        }
        return payload(bytes.toByteArray());
    }

    private static long[] read(byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.write(payload);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return SparseCounts.read(in);
        }
    }

    /** The data of an object stream that holds one short block of data: past its 4-byte header and marker. */
    private static byte[] payload(byte[] stream) {
        assertEquals(0x77, stream[4], "one block of at most 255 bytes"); // TC_BLOCKDATA, then a 1-byte length
        return java.util.Arrays.copyOfRange(stream, 6, stream.length);
    }
}
