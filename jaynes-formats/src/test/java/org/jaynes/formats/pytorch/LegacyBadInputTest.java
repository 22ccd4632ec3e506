package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken legacy file gives one ModelFormatException naming the file, the byte and the
 * problem (the storage and the tensor viewing it, where a storage is at fault), and leaves the file as it
 * was; nothing the file claims is allocated before it is checked against the file's size. Files are written
 * part by part with {@link LegacyFile}, pickles opcode by opcode with {@link PickleBytes}.
 */
class LegacyBadInputTest {

    private static final long[] FOUR = {4};
    private static final long[] ONE = {1};

    @TempDir
    Path dir;

    /** Reads a file, expecting a refusal whose reason is exactly {@code reason} at byte {@code offset}. */
    private void fails(LegacyFile legacy, long offset, String reason) throws Exception {
        fails(legacy.toByteArray(), offset, reason);
    }

    private void fails(byte[] bytes, long offset, String reason) throws Exception {
        Path file = Files.write(dir.resolve("legacy.pt"), bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(file + ": at byte " + offset + ": " + reason, e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the input is unchanged");
    }

    /** {@code {"w": 4 float32 of storage "0"}}. */
    private static PickleBytes fourFloats() {
        return PickleBytes.stateDict("w", "FloatStorage", 4, 0, FOUR, ONE);
    }

    @Test
    void handMadeFileReads() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "0").floats(4);
        List<Tensor> tensors = new PytorchReader().read(legacy.write(dir.resolve("ok.pt"))).tensors();
        assertEquals(1, tensors.size());
        assertEquals(new FileRegion(dir.resolve("ok.pt"), legacy.dataAt() + 8, 16), tensors.get(0).data());
    }

    @Test
    void truncatedStorageNamesTheStorageTheTensorAndTheByte() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "0").floats(4);
        byte[] cut = Arrays.copyOf(legacy.toByteArray(), legacy.toByteArray().length - 5);
        fails(cut, legacy.dataAt(), String.format(LegacyStorages.PAST_END, "storage 0 of tensor w", 4, "f32", "16",
                legacy.dataAt() + 8, cut.length));
    }

    @Test
    void fileCutInsideAnElementCount() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "0").floats(4);
        byte[] cut = Arrays.copyOf(legacy.toByteArray(), legacy.dataAt() + 5);
        fails(cut, legacy.dataAt(), String.format(LegacyStorages.NO_COUNT, "storage 0 of tensor w", legacy.dataAt(),
                cut.length));
    }

    @Test
    void hugeElementCountIsRefusedBeforeAnyAllocation() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "0").storage(1L << 61, new byte[16]);
        fails(legacy, legacy.dataAt(), String.format(LegacyStorages.PAST_END, "storage 0 of tensor w", 1L << 61, "f32",
                "too many", legacy.dataAt() + 8, legacy.toByteArray().length));
    }

    @Test
    void negativeElementCount() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "0").storage(-1, new byte[16]);
        fails(legacy, legacy.dataAt(), String.format(LegacyStorages.PAST_END, "storage 0 of tensor w", -1, "f32",
                "too many", legacy.dataAt() + 8, legacy.toByteArray().length));
    }

    @Test
    void elementCountOtherThanThePickleClaims() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "0").floats(3).storage(0, new byte[4]);
        fails(legacy, legacy.dataAt(), String.format(LegacyStorages.COUNT_MISMATCH, "storage 0 of tensor w", 4, "f32", 3));
    }

    @Test
    void aLaterPersistentIdClaimingMoreThanIsStored() throws Exception {
        // {"a": view of storage "0" as 4 floats, "b": view of storage "0" now claiming 1,000,000 floats}
        PickleBytes pickle = PickleBytes.protocol2().op('}').op('(').unicode("a")
                .tensorV2("FloatStorage", "0", 4, 0, FOUR, ONE).unicode("b");
        pickle.tensorV2("FloatStorage", "0", 1_000_000, 0, new long[] {1000, 1000}, new long[] {1000, 1});
        int secondId = pickle.at("persid");
        LegacyFile legacy = LegacyFile.of(pickle.op('u').op('.'), "0").floats(4);
        fails(legacy, legacy.objectAt() + secondId, "the object pickle byte " + secondId + ": " + String.format(
                LegacyStorages.CLAIMS_MORE, "b", "0", "torch.FloatStorage", 4_000_000, 16));
    }

    @Test
    void keyListedButNeverLoaded() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "7", "0").floats(4).floats(4);
        int keysAt = legacy.dataAt() - keyPickleLength("7", "0");
        fails(legacy, keysAt, "the storage key pickle: " + String.format(LegacyStorages.UNKNOWN_KEY, "7"));
    }

    @Test
    void keyListedTwice() throws Exception {
        LegacyFile legacy = LegacyFile.of(fourFloats(), "0", "0").floats(4).floats(4);
        int keysAt = legacy.dataAt() - keyPickleLength("0", "0");
        fails(legacy, keysAt, "the storage key pickle: " + String.format(LegacyStorages.LISTED_TWICE, "0"));
    }

    @Test
    void keyListThatIsNotAListOfStr() throws Exception {
        LegacyFile legacy = LegacyFile.header().object(fourFloats().toByteArray());
        int keysAt = legacy.toByteArray().length;
        legacy.object(PickleBytes.protocol2().op(']').op('(').integer(0).op('e').op('.').toByteArray());
        fails(legacy, keysAt, "the storage key pickle: " + String.format(LegacyStorages.LIST_NOT_STRINGS,
                "a list holding other values"));
    }

    @Test
    void tensorOfAStorageTheListLeavesOut() throws Exception {
        PickleBytes pickle = fourFloats();
        LegacyFile legacy = LegacyFile.of(pickle);
        fails(legacy, legacy.objectAt() + pickle.at("persid"), "the object pickle byte " + pickle.at("persid") + ": "
                + String.format(LegacyStorages.NOT_LISTED, "w", "0"));
    }

    @Test
    void wrongMagicNumber() throws Exception {
        byte[] five = PickleBytes.protocol2().integer(5).op('.').toByteArray();
        LegacyFile legacy = LegacyFile.header(five, 1001, true).object(fourFloats().toByteArray()).keys("0").floats(4);
        fails(legacy, 0, "the magic number pickle: " + String.format(LegacyCheckpoint.BAD_MAGIC, "5"));
    }

    @Test
    void wrongProtocolVersion() throws Exception {
        LegacyFile legacy = LegacyFile.header(LegacyFile.MAGIC, 1000, true).object(fourFloats().toByteArray()).keys("0")
                .floats(4);
        fails(legacy, LegacyFile.MAGIC.length, "the protocol version pickle: "
                + String.format(LegacyCheckpoint.BAD_PROTOCOL, "1000"));
    }

    @Test
    void bigEndianFile() throws Exception {
        LegacyFile legacy = LegacyFile.header(LegacyFile.MAGIC, 1001, false).object(fourFloats().toByteArray()).keys("0")
                .floats(4);
        fails(legacy, LegacyFile.MAGIC.length + 6, "the system info pickle: " + LegacyCheckpoint.BIG_ENDIAN);
    }

    @Test
    void storageViewOfTorchBefore1() throws Exception {
        // ('storage', torch.FloatStorage, '0', 'cpu', 4, ('1', 2, 2)): a view of two elements at offset 2
        PickleBytes pickle = PickleBytes.protocol2().global("torch._utils", "_rebuild_tensor").op('(').op('(')
                .unicode("storage").global("torch", "FloatStorage").unicode("0").unicode("cpu").integer(4)
                .op('(').unicode("1").integer(2).integer(2).op('t').op('t');
        int at = pickle.size();
        pickle.op('Q').integer(0).ints(2).ints(1).op('t').op('R').op('.');
        LegacyFile legacy = LegacyFile.of(pickle, "0").floats(4);
        fails(legacy, legacy.objectAt() + at, "the object pickle byte " + at + ": "
                + String.format(TorchCalls.STORAGE_VIEW, "'0'"));
    }

    @Test
    void objectPickleCutShort() throws Exception {
        byte[] pickle = fourFloats().toByteArray();
        LegacyFile legacy = LegacyFile.header().object(Arrays.copyOf(pickle, pickle.length - 3));
        int end = pickle.length - 3;
        fails(legacy, legacy.objectAt() + end, "the object pickle byte " + end + ": " + Unpickler.NO_STOP);
    }

    @Test
    void gpuStorageTypesOfOlderTorchRead() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('}').op('(').unicode("w").global("torch._utils", "_rebuild_tensor")
                .op('(').op('(').unicode("storage").global("torch.cuda", "HalfStorage").unicode("0").unicode("cuda:0")
                .integer(2).op('N').op('t').op('Q').integer(0).ints(2).ints(1).op('t').op('R').op('u').op('.');
        LegacyFile legacy = LegacyFile.of(pickle, "0").storage(2, new byte[] {0, 0x3c, 0, (byte) 0xc0});
        Tensor w = new PytorchReader().read(legacy.write(dir.resolve("gpu.pt"))).tensors().get(0);
        assertEquals(org.jaynes.core.tensor.DType.F16, w.dtype());
        assertEquals(new FileRegion(dir.resolve("gpu.pt"), legacy.dataAt() + 8, 4), w.data());
    }

    @Test
    void aStateDictPickleLongerThanTheFirstWindowReads() throws Exception {
        // 3 tensors under 30,000-character names: the object pickle is about 90 KB, past the first 64 KiB read
        PickleBytes pickle = PickleBytes.protocol2().op('}').op('(');
        for (int i = 0; i < 3; i++) {
            pickle.unicode(Character.toString('a' + i).repeat(30_000))
                    .tensorV2("FloatStorage", Integer.toString(i), 4, 0, FOUR, ONE);
        }
        LegacyFile legacy = LegacyFile.of(pickle.op('u').op('.'), "0", "1", "2").floats(4).floats(4).floats(4);
        List<Tensor> tensors = new PytorchReader().read(legacy.write(dir.resolve("long.pt"))).tensors();
        assertEquals(3, tensors.size());
        assertEquals(legacy.dataAt() + 2 * 24 + 8, ((FileRegion) tensors.get(2).data()).offset());
    }

    /** The length of the key list pickle {@link LegacyFile#keys} writes. */
    private static int keyPickleLength(String... keys) {
        PickleBytes list = PickleBytes.protocol2().op(']').op('(');
        for (String key : keys) {
            list.unicode(key);
        }
        return list.op('e').op('.').size();
    }
}
