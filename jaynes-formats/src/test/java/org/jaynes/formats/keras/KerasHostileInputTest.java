package org.jaynes.formats.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 files broken where jHDF cannot tell where: an object header claiming a size jHDF would allocate
 * (one flipped byte), and a compressed chunk that no longer inflates. Each is refused at open, at the
 * byte of the structure, so {@code inspect} refuses it as {@code analyze} does.
 */
class KerasHostileInputTest {

    @TempDir
    Path folder;

    private ModelFormatException refused(byte[] bytes) throws Exception {
        Path file = Files.write(folder.resolve("w.h5"), bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new KerasReader().read(file));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the input is unchanged");
        return e;
    }

    /** Where {@code pattern} first stands in {@code bytes}. */
    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    /** Where the object header of {@code keras2_weights.h5}'s dense_1 kernel is. */
    private static long kernelHeader() throws Exception {
        try (HdfFile hdf = new HdfFile(KerasFixtures.file("keras2_weights.h5"))) {
            return hdf.getDatasetByPath("dense_1/dense_1/kernel:0").getAddress();
        }
    }

    /**
     * {@code keras2_weights.h5} with the kernel's object header claiming {@code size} bytes. A version 1
     * object header is a version byte (1), a reserved byte, the message count (2 bytes), the reference
     * count (4) and the header's size (4).
     */
    private static byte[] withKernelHeaderSize(long header, int size) throws Exception {
        byte[] bytes = Files.readAllBytes(KerasFixtures.file("keras2_weights.h5"));
        assertEquals(1, bytes[(int) header], "a version 1 object header");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) header + 8, size);
        return bytes;
    }

    /** The size set to 2 GiB makes jHDF allocate it. */
    @Test
    void anObjectHeaderClaimingTwoGibibytesIsRefusedAtItsByte() throws Exception {
        long header = kernelHeader();
        byte[] bytes = withKernelHeaderSize(header, Integer.MAX_VALUE - 64);
        ModelFormatException e = refused(bytes);
        assertEquals(header, e.offset());
        assertTrue(e.reason().startsWith("not a readable HDF5 file: the structure read here claims more memory "
                + "than the heap has"), e.reason());
    }

    /**
     * An object header claiming 1 MiB in a file of 16 KB: jHDF asks for the whole size and, given what the
     * file holds, asked again at the same byte until its buffer was full of copies (22 s on a mutant the
     * fuzzer found, with a 1 GB heap). The read is refused at the header's byte.
     */
    @Test
    void anObjectHeaderRunningPastTheEndOfTheFileIsRefusedAtItsByte() throws Exception {
        long header = kernelHeader();
        byte[] bytes = withKernelHeaderSize(header, 1 << 20);
        ModelFormatException e = refused(bytes);
        assertTrue(e.reason().startsWith("not a readable HDF5 file: "), e.reason());
        assertTrue(e.reason().endsWith(" bytes at byte " + e.offset() + " runs past the end of the file ("
                + bytes.length + " bytes)"), e.reason());
        assertTrue(e.offset() >= header && e.offset() < header + 32, "at the header: " + e.offset());
    }

    /** A fixture with one byte flipped in the middle of a chunk's stored bytes, and where those start. */
    private record FlippedChunk(byte[] bytes, int chunkAt) {
    }

    private static FlippedChunk flippedChunk(String fixture, String dataset, int... chunkOffset) throws Exception {
        Path source = KerasFixtures.file(fixture);
        byte[] stored;
        try (HdfFile hdf = new HdfFile(source)) {
            ByteBuffer raw = ((ChunkedDataset) hdf.getDatasetByPath(dataset)).getRawChunkBuffer(chunkOffset);
            stored = new byte[raw.remaining()];
            raw.get(stored);
        }
        byte[] bytes = Files.readAllBytes(source);
        int chunk = indexOf(bytes, stored);
        bytes[chunk + stored.length / 2] ^= 0x5a;
        return new FlippedChunk(bytes, chunk);
    }

    /** One byte flipped in the middle of a gzip chunk's stored bytes: refused at the chunk, at open. */
    @Test
    void aCorruptCompressedChunkIsRefusedAtTheChunk() throws Exception {
        FlippedChunk flipped = flippedChunk("layout_v4.h5", "fixed", 8, 8);
        ModelFormatException e = refused(flipped.bytes());
        assertEquals(flipped.chunkAt(), e.offset(), "the chunk's stored bytes");
        assertTrue(e.reason().startsWith("dataset fixed: chunk [8, 8] cannot be read: "), e.reason());
    }

    /** The same inside a file with a 512-byte user block: the offset counts the user block. */
    @Test
    void aCorruptChunkAfterAUserBlockIsRefusedAtItsByteInTheFile() throws Exception {
        FlippedChunk flipped = flippedChunk("userblock.h5", "chunked", 4, 0);
        ModelFormatException e = refused(flipped.bytes());
        assertEquals(flipped.chunkAt(), e.offset());
        assertTrue(e.reason().startsWith("dataset chunked: chunk [4, 0] cannot be read: "), e.reason());
    }
}
