package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.zip.ZipDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of broken checkpoint gives one ModelFormatException naming the file, the byte (in the
 * file, and in data.pkl where the problem is in the pickle) and the problem, and leaves the file as it
 * was. Broken archives are written entry by entry with {@link CheckpointZip}, broken pickles opcode by
 * opcode with {@link PickleBytes}.
 */
class PytorchBadInputTest {

    private static final long[] FOUR = {4};
    private static final long[] ONE = {1};

    @TempDir
    Path dir;

    /** Reads a file, expecting a refusal whose reason is exactly {@code reason}; returns it. */
    private ModelFormatException fails(Path file, String reason) throws Exception {
        byte[] before = Files.readAllBytes(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals(reason, e.reason());
        String where = e.offset() == ModelFormatException.NO_OFFSET ? "" : "at byte " + e.offset() + ": ";
        assertEquals(file + ": " + where + reason, e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the input is unchanged");
        return e;
    }

    /** A checkpoint whose data.pkl is {@code pickle} and whose storage "0" holds {@code storageBytes}. */
    private Path checkpoint(PickleBytes pickle, int storageBytes) throws Exception {
        return CheckpointZip.archive(pickle.toByteArray()).put("archive/data/0", new byte[storageBytes])
                .write(dir.resolve("broken.pt"));
    }

    @Test
    void truncatedZip() throws Exception {
        byte[] whole = Files.readAllBytes(PytorchFixtures.path("mixed.pt"));
        Path file = Files.write(dir.resolve("mixed.pt"), Arrays.copyOf(whole, whole.length / 2));
        ModelFormatException e = fails(file, ZipDirectory.NO_END_RECORD);
        assertEquals(0, e.offset());
    }

    @Test
    void zipCutInsideTheCentralDirectory() throws Exception {
        byte[] whole = Files.readAllBytes(PytorchFixtures.path("mixed.pt"));
        // keep the end records but break the first central directory entry's signature
        int central = -1;
        for (int at = whole.length; (at = lastIndexOf(whole, new byte[] {'P', 'K', 1, 2}, at)) >= 0; ) {
            central = at;
        }
        whole[central] = 0;
        Path file = Files.write(dir.resolve("mixed.pt"), whole);
        ModelFormatException e = fails(file, String.format(ZipDirectory.BAD_ENTRY, 0, "no central directory signature"));
        assertEquals(central, e.offset());
    }

    @Test
    void dataPklMissing() throws Exception {
        Path file = new CheckpointZip().put("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII))
                .put("archive/data/0", new byte[16]).write(dir.resolve("nopickle.pt"));
        fails(file, TorchCheckpoint.NO_PICKLE);
    }

    @Test
    void unknownOpcode() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('}').op(0xff).op('.');
        ModelFormatException e = fails(checkpoint(pickle, 0), "archive/data.pkl byte 3: unknown pickle opcode 0xff");
        assertEquals(3, e.offset() - dataStart(e.file(), "archive/data.pkl"));
    }

    @Test
    void opcodeOutsideTheSupportedSet() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op(0x82).raw(1).op('.');
        fails(checkpoint(pickle, 0), "archive/data.pkl byte 2: pickle opcode EXT1 (0x82) is not supported in a checkpoint");
    }

    @Test
    void pickleWithoutStop() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('}');
        fails(checkpoint(pickle, 0), "archive/data.pkl byte 3: the pickle ends without a STOP opcode");
    }

    @Test
    void stringLongerThanThePickle() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('X').int32(1000).raw('a', 'b');
        fails(checkpoint(pickle, 0), "archive/data.pkl byte 2: BINUNICODE (0x58) needs 1000 more bytes, only 2 left");
    }

    @Test
    void unknownStorageType() throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "FooStorage", 4, 0, FOUR, ONE);
        fails(checkpoint(pickle, 16), "archive/data.pkl byte " + pickle.at("persid") + ": storage type torch.FooStorage is not supported "
                + "(jaynes reads " + TorchGlobal.readableStorageTypes() + ")");
    }

    @Test
    void complexStorageType() throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "ComplexFloatStorage", 4, 0, FOUR, ONE);
        ModelFormatException e = fails(checkpoint(pickle, 32), "archive/data.pkl byte " + pickle.at("persid") + ": storage type "
                + "torch.ComplexFloatStorage is not supported (jaynes reads " + TorchGlobal.readableStorageTypes() + ")");
        assertTrue(e.getMessage().contains("torch.ComplexFloatStorage"));
    }

    @Test
    void storageOffsetPastTheEntry() throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "FloatStorage", 4, 2, FOUR, ONE);
        fails(checkpoint(pickle, 16),
                "archive/data.pkl byte " + pickle.at("rebuild") + ": tensor w: elements [2, 6) lie outside its storage 0 of 4 f32 elements");
    }

    @Test
    void storageClaimingMoreThanItsEntry() throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "FloatStorage", 8, 0, FOUR, ONE);
        fails(checkpoint(pickle, 16), "archive/data.pkl byte " + pickle.at("persid") + ": tensor w: storage 0 (torch.FloatStorage) "
                + "claims 32 bytes, its entry archive/data/0 holds 16");
    }

    @Test
    void storageWithoutAnEntry() throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "FloatStorage", 4, 0, FOUR, ONE);
        Path file = CheckpointZip.archive(pickle.toByteArray()).write(dir.resolve("nostorage.pt"));
        fails(file, "archive/data.pkl byte " + pickle.at("persid") + ": tensor w: storage 0 has no zip entry archive/data/0");
    }

    @Test
    void compressedStorage() throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "FloatStorage", 4, 0, FOUR, ONE);
        Path file = CheckpointZip.archive(pickle.toByteArray()).put("archive/data/0", new byte[16])
                .deflate("archive/data/0").write(dir.resolve("deflated.pt"));
        fails(file, "archive/data.pkl byte " + pickle.at("persid") + ": tensor w: storage entry archive/data/0 is compressed (zip method 8); "
                + "jaynes maps storages in place, so it reads them stored, as torch.save writes them");
    }

    @Test
    void nonContiguousView() throws Exception {
        Path file = Files.copy(PytorchFixtures.path("transposed.pt"), dir.resolve("transposed.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertTrue(e.reason().endsWith("tensor w: size [3, 4] with stride [1, 3] is not a contiguous row-major view; "
                + "jaynes reads contiguous tensors only (save t.contiguous())"), e.reason());
    }

    @Test
    void craftedNonContiguousView() throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "FloatStorage", 4, 0, new long[] {2, 2}, new long[] {1, 2});
        fails(checkpoint(pickle, 16), "archive/data.pkl byte " + pickle.at("rebuild") + ": tensor w: size [2, 2] with stride [1, 2] "
                + "is not a contiguous row-major view; jaynes reads contiguous tensors only (save t.contiguous())");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.pt", "archive/../../evil", "/etc/passwd", "C:/evil", "archive\\..\\evil", ".."})
    void escapingEntryName(String name) throws Exception {
        PickleBytes pickle = PickleBytes.stateDict("w", "FloatStorage", 4, 0, FOUR, ONE);
        Path file = CheckpointZip.archive(pickle.toByteArray()).put("archive/data/0", new byte[16])
                .put(name, new byte[1]).write(dir.resolve("escaping.pt"));
        fails(file, String.format(ZipDirectory.ESCAPING_NAME, name));
    }

    @Test
    void deflatedPickleLongerThanDeclared() throws Exception {
        Path file = deflatedPickleDeclaring(10);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals("entry archive/data.pkl inflates beyond its declared size of 10 bytes", e.reason());
    }

    @Test
    void deflatedPickleDeclaringAnAbsurdSize() throws Exception {
        Path file = deflatedPickleDeclaring(Integer.MAX_VALUE);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals(String.format("archive/data.pkl of %d bytes is over the limit of %d", Integer.MAX_VALUE,
                TorchCheckpoint.MAX_PICKLE_BYTES), e.reason());
    }

    /** A checkpoint whose deflated data.pkl (a state dict of 200 tensors) says it inflates to {@code size}. */
    private Path deflatedPickleDeclaring(int size) throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('}').op('(');
        for (int i = 0; i < 200; i++) {
            pickle.unicode("layer." + i).tensorV2("FloatStorage", "0", 4, 0, FOUR, ONE);
        }
        byte[] bytes = Files.readAllBytes(CheckpointZip.archive(pickle.op('u').op('.').toByteArray())
                .deflate("archive/data.pkl").put("archive/data/0", new byte[16]).write(dir.resolve("bomb.pt")));
        // the first central directory record is data.pkl's; its uncompressed size is at +24
        int central = -1;
        for (int at = bytes.length; (at = lastIndexOf(bytes, new byte[] {'P', 'K', 1, 2}, at)) >= 0; ) {
            central = at;
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(central + 24, size);
        return Files.write(dir.resolve("bomb.pt"), bytes);
    }

    @Test
    void tarLayoutOfTorch01() throws Exception {
        byte[] tar = new byte[1024];
        byte[] name = "sys_info".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, tar, 0, name.length);
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 6);
        Path file = Files.write(dir.resolve("old.pt"), tar);
        ModelFormatException e = fails(file, TorchCheckpoint.TAR);
        assertEquals(257, e.offset());
    }

    @Test
    void neitherZipNorPickle() throws Exception {
        Path file = Files.write(dir.resolve("model.pt"), new byte[] {'G', 'G', 'U', 'F', 3, 0});
        fails(file, "not a torch.save checkpoint: it starts with bytes 47 47 55 46, expected a zip file (PK\\3\\4) "
                + "or a pickle (0x80)");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.write(dir.resolve("model.pt"), new byte[0]);
        fails(file, "not a torch.save checkpoint: it starts with nothing (the file is empty), expected a zip file (PK\\3\\4) "
                + "or a pickle (0x80)");
    }

    @Test
    void bigEndianCheckpoint() throws Exception {
        Path file = CheckpointZip.copyOf(PytorchFixtures.path("mixed.pt"))
                .put("mixed/byteorder", "big".getBytes(StandardCharsets.US_ASCII)).write(dir.resolve("big.pt"));
        fails(file, "mixed/byteorder says \"big\": jaynes reads checkpoints saved little-endian");
    }

    @Test
    void twoArchivesInOneZip() throws Exception {
        Path file = CheckpointZip.copyOf(PytorchFixtures.path("single.pt"))
                .put("other/data.pkl", new byte[] {(byte) 0x80, 2, '}', '.'}).write(dir.resolve("two.pt"));
        fails(file, "the zip file has 2 data.pkl entries (single/data.pkl, other/data.pkl); a checkpoint has one");
    }

    @Test
    void duplicateEntryNames() throws Exception {
        // ZipOutputStream refuses duplicates, so rename one entry in the bytes: "archive/versioN" -> "archive/version"
        byte[] bytes = checkpointWith("archive/versioN");
        byte[] from = "archive/versioN".getBytes(StandardCharsets.US_ASCII);
        for (int at = lastIndexOf(bytes, from, bytes.length); at >= 0; at = lastIndexOf(bytes, from, at)) {
            bytes[at + from.length - 1] = 'n';
        }
        Path file = Files.write(dir.resolve("dup.pt"), bytes);
        fails(file, String.format(ZipDirectory.DUPLICATE_NAME, "archive/version"));
    }

    /** The PyTorch reader once took a local header's word over the directory's; now every zip reader refuses it. */
    @Test
    void localHeaderNamingAnotherEntry() throws Exception {
        byte[] bytes = checkpointWith("archive/version");
        byte[] name = "archive/version".getBytes(StandardCharsets.US_ASCII);
        int local = lastIndexOf(bytes, name, lastIndexOf(bytes, name, bytes.length));
        bytes[local + name.length - 1] = 'N';
        Path file = Files.write(dir.resolve("renamed.pt"), bytes);
        ModelFormatException e = fails(file, String.format(ZipDirectory.BAD_LOCAL_HEADER, "archive/version",
                "names another file: \"archive/versioN\""));
        assertEquals(local - 30, e.offset());
    }

    @Test
    void indexMappingToAShardOutsideItsFolder() throws Exception {
        Path index = Files.writeString(dir.resolve("pytorch_model.bin.index.json"),
                "{\"weight_map\": {\"w\": \"../mixed.pt\"}}");
        fails(index, "weight_map maps tensor w to ../mixed.pt, which is not a file in the index's folder");
    }

    @Test
    void indexMappingToAMissingShard() throws Exception {
        Path index = Files.writeString(dir.resolve("pytorch_model.bin.index.json"),
                "{\"weight_map\": {\"w\": \"shard.bin\"}}");
        fails(index, "weight_map maps tensor w to shard.bin, which does not exist");
    }

    @Test
    void indexMappingATensorTheShardLacks() throws Exception {
        Files.copy(PytorchFixtures.path("single.pt"), dir.resolve("shard.bin"));
        Path index = Files.writeString(dir.resolve("pytorch_model.bin.index.json"),
                "{\"weight_map\": {\"w\": \"shard.bin\"}}");
        fails(index, "weight_map maps tensor w to shard.bin, which has no such tensor");
    }

    @Test
    void indexThatIsNotJson() throws Exception {
        Path index = Files.writeString(dir.resolve("pytorch_model.bin.index.json"), "{\"weight_map\": [");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(index));
        assertTrue(e.reason().startsWith("index is not valid JSON: "), e.reason());
    }

    /** The bytes of an empty checkpoint with one more entry, {@code name}, for tests that edit names in place. */
    private byte[] checkpointWith(String name) throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('}').op('.');
        Path written = CheckpointZip.archive(pickle.toByteArray()).put(name, new byte[1]).write(dir.resolve("edited.pt"));
        return Files.readAllBytes(written);
    }

    private static long dataStart(Path file, String entry) throws Exception {
        try (FileChannel channel = FileChannel.open(file)) {
            ZipDirectory zip = ZipDirectory.read(file, channel);
            return zip.find(entry).orElseThrow().dataAt();
        }
    }

    private static int lastIndexOf(byte[] bytes, byte[] pattern, int before) {
        for (int i = Math.min(before, bytes.length) - pattern.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
