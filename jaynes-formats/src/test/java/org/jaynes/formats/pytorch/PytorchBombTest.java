package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pickle bombs of issue 16: small files (the pickle deflated in the zip) whose pickle makes the machine
 * hold hundreds of millions of references by pushing old values again ({@code DUP}, {@code BINGET}) into
 * containers, or makes the state-dict walker join one long memoised key at every level. Each is generated
 * here, and refused in one line naming the pickle byte of the opcode, in seconds, under the test heap; a
 * state dict of 100,000 tensors stays well inside the budget. Legacy files hold their pickles uncompressed,
 * so one bomb and the nesting bound are checked there too.
 */
class PytorchBombTest {

    private static final Pattern OVER_BUDGET = Pattern.compile("archive/data\\.pkl byte (\\d+): ([A-Z_]+) \\(0x[0-9a-f]{2}\\) "
            + "goes over the pickle's memory budget of " + (Unpickler.MAX_BUDGET >> 20)
            + " MiB \\(values pushed, memoised and held in containers\\)");
    private static final Duration QUICKLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** {@code head}, then {@code loop} {@code times} times, then STOP. */
    private static byte[] pickle(byte[] head, byte[] loop, int times) {
        byte[] bytes = new byte[head.length + loop.length * times + 1];
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = 0, at = head.length; i < times; i++, at += loop.length) {
            System.arraycopy(loop, 0, bytes, at, loop.length);
        }
        bytes[bytes.length - 1] = '.';
        return bytes;
    }

    private static byte[] ops(int... codes) {
        byte[] bytes = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            bytes[i] = (byte) codes[i];
        }
        return bytes;
    }

    /** The pickle, deflated, in a zip checkpoint: the file is a few tens of KB. */
    private Path deflated(byte[] pickle, String name) throws Exception {
        Path file = CheckpointZip.archive(pickle).deflate("archive/data.pkl").write(dir.resolve(name));
        assertTrue(Files.size(file) < 200_000, "a small file: " + Files.size(file));
        return file;
    }

    /** Reads the bomb, expecting the budget refusal at one of {@code opcodes}; returns the exception. */
    private static ModelFormatException refusedOverBudget(Path file, byte[] pickle, String... opcodes) {
        ModelFormatException e = assertTimeout(QUICKLY,
                () -> assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        Matcher m = OVER_BUDGET.matcher(e.reason());
        assertTrue(m.matches(), e.reason());
        int at = Integer.parseInt(m.group(1));
        assertTrue(List.of(opcodes).contains(m.group(2)), e.reason());
        assertEquals(m.group(2), Opcode.of(pickle[at]).name(), "the byte named holds the opcode named");
        return e;
    }

    @Test
    void dupAppend() throws Exception {
        // l = []; then DUP, APPEND over and over: l would hold itself 31 million times
        byte[] pickle = pickle(ops(0x80, 2, ']'), ops('2', 'a'), 31_000_000);
        refusedOverBudget(deflated(pickle, "dup-append.pt"), pickle, "DUP", "APPEND");
    }

    @Test
    void dupAppendStoredNamesTheFileOffset() throws Exception {
        byte[] pickle = pickle(ops(0x80, 2, ']'), ops('2', 'a'), 17_000_000);
        Path file = CheckpointZip.archive(pickle).write(dir.resolve("dup-append-stored.pt"));
        ModelFormatException e = refusedOverBudget(file, pickle, "DUP", "APPEND");
        long at = Long.parseLong(e.reason().replaceFirst("^archive/data\\.pkl byte (\\d+):.*$", "$1"));
        java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(Arrays.copyOf(Files.readAllBytes(file), 30))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN); // data.pkl's local header comes first
        long dataStart = 30 + (head.getShort(26) & 0xffff) + (head.getShort(28) & 0xffff);
        assertEquals(dataStart + at, e.offset());
        assertTrue(e.getMessage().contains("at byte " + e.offset()), e.getMessage());
    }

    @Test
    void dupSetitem() throws Exception {
        // d = {}; memo 0 = None; then d[None] = None over and over, key by BINGET, value by DUP
        byte[] pickle = pickle(ops(0x80, 2, '}', 'N', 'q', 0, '0'), ops('h', 0, '2', 's'), 10_000_000);
        refusedOverBudget(deflated(pickle, "dup-setitem.pt"), pickle, "BINGET", "DUP", "SETITEM");
    }

    @Test
    void markDupAppends() throws Exception {
        // l = []; then MARK, None, DUP x 1000, APPENDS, over and over
        byte[] loop = new byte[1003];
        loop[0] = '(';
        loop[1] = 'N';
        Arrays.fill(loop, 2, 1002, (byte) '2');
        loop[1002] = 'e';
        byte[] pickle = pickle(ops(0x80, 2, ']'), loop, 40_000);
        refusedOverBudget(deflated(pickle, "mark-dup-appends.pt"), pickle, "DUP", "APPENDS", "NONE", "MARK");
    }

    @Test
    void bingetAppend() throws Exception {
        // l = [] memoised; then BINGET l, APPEND: l holds itself millions of times
        byte[] pickle = pickle(ops(0x80, 2, ']', 'q', 0), ops('h', 0, 'a'), 17_000_000);
        refusedOverBudget(deflated(pickle, "binget-append.pt"), pickle, "BINGET", "APPEND");
    }

    @Test
    void orderedDictCopies() throws Exception {
        // pairs = [(None, None)] * 100,000; then OrderedDict(pairs) again and again, each kept in a list
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(ops(0x80, 2, ']', 'q', 0, ']', 'N', 'N', 0x86, 'q', 2, '0'));
        for (int i = 0; i < 100_000; i++) {
            head.writeBytes(ops('h', 2, 'a'));
        }
        head.writeBytes(ops('q', 1, '0'));
        byte[] global = "ccollections\nOrderedDict\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream loop = new ByteArrayOutputStream();
        loop.writeBytes(global);
        loop.writeBytes(ops('h', 1, 0x85, 'R', 'a'));
        byte[] pickle = pickle(head.toByteArray(), loop.toByteArray(), 400);
        refusedOverBudget(deflated(pickle, "ordered-dict.pt"), pickle, "REDUCE", "APPEND", "GLOBAL", "BINGET");
    }

    @Test
    void longMemoisedKeyAtEveryLevel() throws Exception {
        // k = 16 MB of "a", memoised; {k: {k: {k: ... 40 levels ... {}}}}: no name over 64 KiB is built
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ops(0x80, 2));
        int length = Unpickler.MAX_STRING;
        out.writeBytes(ops('X', length & 0xff, length >>> 8 & 0xff, length >>> 16 & 0xff, length >>> 24));
        byte[] key = new byte[length];
        Arrays.fill(key, (byte) 'a');
        out.writeBytes(key);
        out.writeBytes(ops('q', 0, '0'));
        int outer = out.size();
        for (int i = 0; i < 40; i++) {
            out.writeBytes(ops('}', 'h', 0));
        }
        out.writeBytes(ops('}'));
        for (int i = 0; i < 40; i++) {
            out.writeBytes(ops('s'));
        }
        out.writeBytes(ops('.'));
        Path file = deflated(out.toByteArray(), "long-key.pt");
        ModelFormatException e = assertTimeout(QUICKLY,
                () -> assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file)));
        assertEquals("archive/data.pkl byte " + outer + ": " + String.format(StateDict.NAME_TOO_LONG, "the top",
                length, StateDict.MAX_NAME), e.reason());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void namesGrowingPastTheLimitLevelByLevel() throws Exception {
        // a 2,000-character key at 40 levels: the name reaches 64 KiB at level 33 and is refused there
        PickleBytes pickle = PickleBytes.protocol2().unicode("k".repeat(2000)).op('q').raw(0).op('0');
        int[] dictAt = new int[40];
        for (int i = 0; i < 40; i++) {
            dictAt[i] = pickle.size();
            pickle.op('}').op('h').raw(0);
        }
        pickle.tensorV2("FloatStorage", "0", 4, 0, new long[] {4}, new long[] {1});
        for (int i = 0; i < 40; i++) {
            pickle.op('s');
        }
        Path file = CheckpointZip.archive(pickle.op('.').toByteArray()).put("archive/data/0", new byte[16])
                .write(dir.resolve("long-names.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        int level = StateDict.MAX_NAME / 2001; // the dict whose key makes the name too long
        assertTrue(e.reason().startsWith("archive/data.pkl byte " + dictAt[level] + ": a tensor name on the path under \"kkk"),
                e.reason());
        assertTrue(e.reason().endsWith(" would be " + (2001 * (level + 1) - 1) + " characters, over the limit of "
                + StateDict.MAX_NAME), e.reason());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aStateDictOfAHundredThousandTensorsIsWellInsideTheBudget() throws Exception {
        // as torch.save writes it: an OrderedDict, SETITEMS in batches of 1,000, every key and tensor memoised
        PickleBytes pickle = PickleBytes.protocol2().global("collections", "OrderedDict").op(')').op('R')
                .op('r').int32(0);
        int memo = 1;
        for (int i = 0; i < 100_000; i++) {
            if (i % 1000 == 0) {
                pickle.op('(');
            }
            pickle.unicode("encoder.layer." + i / 16 + ".attention.self.query.weight" + i).op('r').int32(memo++);
            pickle.tensorV2("FloatStorage", Integer.toString(i), 64, 0, new long[] {8, 8}, new long[] {8, 1})
                    .op('r').int32(memo++);
            if (i % 1000 == 999) {
                pickle.op('u');
            }
        }
        byte[] bytes = pickle.op('.').toByteArray();
        PickleFile source = new PickleFile(Path.of("m.pt"), "m/data.pkl", 0);
        long charged = Unpickler.charged(source, bytes);
        assertTrue(charged < Unpickler.MAX_BUDGET / 2, charged + " bytes charged");
        assertEquals(100_000, StateDict.tensors(source, Unpickler.load(source, bytes), "m").size());
    }

    @Test
    void dupAppendInALegacyFileNamesTheFileOffset() throws Exception {
        // no compression in a legacy file: the bomb is as large as its pickle, read in ever larger windows
        byte[] pickle = pickle(ops(0x80, 2, ']'), ops('2', 'a'), 17_000_000);
        LegacyFile legacy = LegacyFile.header().object(pickle);
        Path file = legacy.write(dir.resolve("dup-append-legacy.pt"));
        ModelFormatException e = assertTimeout(QUICKLY,
                () -> assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file)));
        Matcher m = Pattern.compile("the object pickle byte (\\d+): (DUP|APPEND) \\(0x[0-9a-f]{2}\\) goes over the "
                + "pickle's memory budget of " + (Unpickler.MAX_BUDGET >> 20) + " MiB .*").matcher(e.reason());
        assertTrue(m.matches(), e.reason());
        assertEquals(legacy.objectAt() + Long.parseLong(m.group(1)), e.offset());
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest
    @EnumSource(CheckpointLayout.class)
    void nestingDeeperThanTheWalkIsRefused(CheckpointLayout layout) throws Exception {
        // {"k": {"k": ... 100 levels ... {"w": tensor}}}
        PickleBytes pickle = PickleBytes.protocol2();
        for (int i = 0; i < 100; i++) {
            pickle.op('}').unicode("k");
        }
        pickle.op('}').unicode("w").tensorV2("FloatStorage", "0", 4, 0, new long[] {4}, new long[] {1}).op('s');
        for (int i = 0; i < 100; i++) {
            pickle.op('s');
        }
        Path file = layout.write(pickle.op('.').toByteArray(), dir.resolve("deep.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertTrue(e.reason().startsWith(layout.pickleName + ": the checkpoint nests containers more than "
                + StateDict.MAX_DEPTH + " deep (at k.k.k."), e.reason());
        assertEquals(layout.fileOffset(file), e.offset());
        assertEquals(1, e.getMessage().lines().count());
    }
}
