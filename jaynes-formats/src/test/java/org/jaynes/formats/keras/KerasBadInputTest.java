package org.jaynes.formats.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken HDF5 file or .keras archive gives one ModelFormatException naming the file, the
 * byte or entry, and the problem, and leaves the file as it was.
 */
class KerasBadInputTest {

    @TempDir
    Path folder;

    private ModelFormatException fails(String name, byte[] bytes) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new KerasReader().read(file));
        assertEquals(file, e.file());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the input is unchanged");
        return e;
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(KerasFixtures.file(name));
    }

    @Test
    void notHdf5() throws Exception {
        ModelFormatException e = fails("w.h5", "hello world, no HDF5 here".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, e.offset());
        assertEquals("not an HDF5 file: no HDF5 signature at byte 0 (nor at 512, 1024, 2048... after a user block); "
                + "it starts with \"hello wo\"", e.reason());
    }

    @Test
    void emptyFile() throws Exception {
        ModelFormatException e = fails("w.h5", new byte[0]);
        assertTrue(e.reason().endsWith("it starts with nothing (the file is empty)"), e.reason());
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] whole = fixture("functional.h5");
        ModelFormatException e = fails("w.h5", Arrays.copyOf(whole, whole.length / 2));
        assertEquals(ModelFormatException.NO_OFFSET, e.offset());
        assertEquals("truncated: the HDF5 superblock says the file ends at byte " + whole.length + ", but it has "
                + whole.length / 2 + " bytes", e.reason());
    }

    @Test
    void truncatedInsideTheSuperblock() throws Exception {
        ModelFormatException e = fails("w.h5", Arrays.copyOf(fixture("functional.h5"), 20));
        assertTrue(e.reason().startsWith("not a readable HDF5 file: "), e.reason());
    }

    /** A dataset whose data address (in its layout message) points at the file's last 8 bytes. */
    @Test
    void dataPastTheEndOfTheFile() throws Exception {
        Path source = KerasFixtures.file("keras2_weights.h5");
        long dataAt;
        try (HdfFile hdf = new HdfFile(source)) {
            dataAt = ((ContiguousDataset) hdf.getDatasetByPath("dense_1/dense_1/kernel:0")).getDataAddress();
        }
        byte[] bytes = Files.readAllBytes(source);
        // a contiguous data layout message (version 3, class 1) holds the data's address, then its size
        byte[] layout = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 3).put((byte) 1)
                .putLong(dataAt).array();
        int at = lastIndexOf(bytes, layout);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 2, bytes.length - 8);
        ModelFormatException e = fails("w.h5", bytes);
        assertEquals("dataset dense_1/dense_1/kernel:0: its 120 bytes of data at byte " + (bytes.length - 8)
                + " end past the end of the file (" + bytes.length + " bytes): the file is truncated or corrupt",
                e.reason());
    }

    @Test
    void archiveWithoutWeights() throws Exception {
        ModelFormatException e = fails("m.keras", zip(List.of(
                new Entry("metadata.json", "{}".getBytes(StandardCharsets.UTF_8), true),
                new Entry("config.json", "{}".getBytes(StandardCharsets.UTF_8), true))));
        assertEquals(ModelFormatException.NO_OFFSET, e.offset());
        assertEquals("no model.weights.h5 in this .keras archive (it holds metadata.json, config.json)", e.reason());
    }

    @Test
    void truncatedArchive() throws Exception {
        byte[] whole = fixture("functional.keras");
        ModelFormatException e = fails("m.keras", Arrays.copyOf(whole, whole.length - 30));
        assertTrue(e.reason().startsWith("not a zip archive"), e.reason());
    }

    @Test
    void entryNameEscapingTheArchive() throws Exception {
        ModelFormatException e = fails("m.keras", zip(List.of(
                new Entry("../model.weights.h5", fixture("functional.weights.h5"), true))));
        assertEquals("entry name \"../model.weights.h5\" escapes the archive", e.reason());
    }

    @Test
    void archivedWeightsThatAreNotHdf5() throws Exception {
        byte[] garbage = "garbage!".repeat(8).getBytes(StandardCharsets.UTF_8);
        byte[] archive = zip(List.of(new Entry("model.weights.h5", garbage, true)));
        ModelFormatException e = fails("m.keras", archive);
        assertTrue(e.reason().startsWith("entry model.weights.h5: not an HDF5 file"), e.reason());
        assertEquals(30 + "model.weights.h5".length(), e.offset(), "the entry's first byte in the archive");
    }

    @Test
    void deflatedWeightsReadLikeStoredOnes() throws Exception {
        Path file = folder.resolve("deflated.keras");
        Files.write(file, zip(List.of(new Entry("model.weights.h5", fixture("functional.weights.h5"), false))));
        Model deflated = new KerasReader().read(file);
        Model stored = new KerasReader().read(KerasFixtures.file("functional.keras"));
        assertEquals(stored.tensors().size(), deflated.tensors().size());
        for (int i = 0; i < stored.tensors().size(); i++) {
            Tensor a = stored.tensors().get(i);
            Tensor b = deflated.tensors().get(i);
            assertEquals(a.name(), b.name());
            assertArrayEquals(TensorValues.of(a), TensorValues.of(b), 0.0, a.name());
            FileRegion region = assertInstanceOf(FileRegion.class, b.data());
            assertFalse(region.file().equals(file), "read from a temporary copy");
        }
    }

    @Test
    void deflatedEntryInflatingBeyondItsDeclaredSize() throws Exception {
        byte[] weights = fixture("functional.weights.h5");
        byte[] archive = zip(List.of(new Entry("model.weights.h5", weights, false)));
        // the central directory record: its uncompressed size is at byte 24
        int record = lastIndexOf(archive, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN).putInt(record + 24, weights.length - 100);
        ModelFormatException e = fails("m.keras", archive);
        assertEquals(0, e.offset(), "the entry's local header");
        assertEquals("entry model.weights.h5 inflates beyond its declared size of " + (weights.length - 100) + " bytes",
                e.reason());
    }

    @Test
    void deflatedEntryDeclaringMoreThanDeflateCanProduce() throws Exception {
        byte[] archive = zip(List.of(new Entry("model.weights.h5", fixture("functional.weights.h5"), false)));
        int record = lastIndexOf(archive, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer bytes = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        long compressed = bytes.getInt(record + 20) & 0xFFFF_FFFFL;
        bytes.putInt(record + 24, Integer.MAX_VALUE);
        ModelFormatException e = fails("m.keras", archive);
        assertEquals("entry model.weights.h5 declares " + Integer.MAX_VALUE + " bytes from " + compressed
                + " compressed, more than deflate can produce (at most 1032:1)", e.reason());
    }

    @Test
    void datasetNeverWritten() throws Exception {
        ModelFormatException e = fails("w.h5", fixture("unwritten.h5"));
        assertTrue(e.offset() > 0, "the dataset's object header");
        assertEquals("dataset never_written has no data in the file: it was created but never written", e.reason());
    }

    @Test
    void numericTypeWithoutADType() throws Exception {
        ModelFormatException e = fails("w.h5", fixture("uint32.h5"));
        assertEquals("dataset counts holds 4-byte unsigned integers with 32 bits of precision "
                + "(jaynes reads i8, u8, i16, u16, i32 and i64)", e.reason());
    }

    @Test
    void groupsNestedTooDeep() throws Exception {
        ModelFormatException e = fails("w.h5", fixture("deep.h5"));
        assertTrue(e.reason().startsWith("groups nested more than 64 levels deep at g/g/"), e.reason());
    }

    /** HDF5 2.0's data layout message version 5 is newer than jHDF 0.11 reads: said, not thrown. */
    @Test
    void dataLayoutNewerThanJhdfReads() throws Exception {
        assumeTrue(KerasFixtures.class.getResource("/keras/layout_v5.h5") != null,
                "layout_v5.h5 was not written: the generating HDF5 was older than 2.0");
        ModelFormatException e = fails("w.h5", fixture("layout_v5.h5"));
        assertTrue(e.reason().startsWith("not a readable HDF5 file: "), e.reason());
        assertTrue(e.reason().contains("Unsupported data layout message version detected. Detected version = 5"),
                e.reason());
    }

    /** A small archive whose weights deflate from 96 MiB of zeros: over the temporary budget, nothing written. */
    @Test
    void deflatedWeightsOverTheTemporaryBudget() throws Exception {
        byte[] archive = zip(List.of(new Entry("model.weights.h5", new byte[96 << 20], false)));
        assertTrue(archive.length < 1 << 20, "archive of " + archive.length + " bytes");
        ModelFormatException e = fails("m.keras", archive);
        assertEquals(0, e.offset(), "the entry's local header");
        assertTrue(e.reason().matches("entry model\\.weights\\.h5 inflates to 100663296 bytes from \\d+ compressed; "
                + "jaynes inflates at most 67108864 bytes to a temporary file for it \\(32 times its compressed size, "
                + "at least 64 MiB\\)"), e.reason());
    }

    @Test
    void followsNoLinks() throws Exception {
        Model model = new KerasReader().read(KerasFixtures.file("links.h5"));
        assertEquals(List.of("hard"), model.tensors().stream().map(Tensor::storedName).toList(),
                "the dataset once, through one of its hard links; the soft and external links not followed");
    }

    private record Entry(String name, byte[] data, boolean stored) {
    }

    private static byte[] zip(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                if (entry.stored()) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(entry.data());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.data().length);
                    zipEntry.setCompressedSize(entry.data().length);
                    zipEntry.setCrc(crc.getValue());
                }
                out.putNextEntry(zipEntry);
                out.write(entry.data());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static int lastIndexOf(byte[] bytes, byte[] pattern) {
        for (int i = bytes.length - pattern.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
