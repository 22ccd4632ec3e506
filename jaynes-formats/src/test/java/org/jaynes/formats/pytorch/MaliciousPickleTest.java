package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pickle that names a global outside the allow-list is refused at the opcode that names it, with a
 * message naming the global, and nothing in it runs: the payload, which would create a file, leaves
 * none. The same pickles are refused alike in a zip checkpoint and in a legacy file ({@link CheckpointLayout}).
 */
class MaliciousPickleTest {

    private static final String REFUSAL = "the pickle names the global %s, which is not on the allow-list "
            + "(tensor rebuild functions, torch storage and dtype types, collections.OrderedDict); nothing was run";

    @TempDir
    Path dir;

    private Path payload;

    @BeforeEach
    void noPayloadYet() throws Exception {
        payload = PytorchFixtures.payloadFile();
        Files.deleteIfExists(payload);
    }

    @Test
    void osSystemFixtureIsRefusedAndLeavesNoTrace() throws Exception {
        Path file = PytorchFixtures.path("malicious.pt");
        byte[] before = Files.readAllBytes(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals("malicious/data.pkl byte 2: " + String.format(REFUSAL, "os.system"), e.reason());
        assertTrue(e.getMessage().startsWith(file + ": at byte " + e.offset() + ": "), e.getMessage());
        assertFalse(Files.exists(payload), "the payload ran");
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void openerRefusesItToo() throws Exception {
        Path file = Files.copy(PytorchFixtures.path("malicious.pt"), dir.resolve("pytorch_model.bin"));
        ModelOpener opener = new ModelOpener(List.of(new PytorchReader()));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> opener.open(file));
        assertTrue(e.getMessage().contains("os.system"), e.getMessage());
        assertFalse(Files.exists(payload), "the payload ran");
    }

    /** Each hostile global, named with each opcode that can name one, in each layout. */
    static Stream<Arguments> hostileGlobals() {
        String[][] globals = {
            {"GLOBAL", "os", "system"}, {"GLOBAL", "posix", "system"}, {"GLOBAL", "nt", "system"},
            {"GLOBAL", "builtins", "eval"}, {"GLOBAL", "builtins", "exec"}, {"GLOBAL", "builtins", "getattr"},
            {"GLOBAL", "builtins", "__import__"}, {"GLOBAL", "subprocess", "Popen"}, {"GLOBAL", "torch", "load"},
            {"GLOBAL", "torch.nn.modules.linear", "Linear"}, {"GLOBAL", "collections", "OrderedDict.__new__"},
            {"GLOBAL", "torch._utils", "_rebuild_tensor_v2.__globals__"}, {"GLOBAL", "torch.cuda", "load"},
            {"STACK_GLOBAL", "os", "system"}, {"STACK_GLOBAL", "builtins", "eval"}, {"INST", "subprocess", "Popen"}};
        return Arrays.stream(CheckpointLayout.values())
                .flatMap(layout -> Arrays.stream(globals).map(g -> Arguments.of(layout, g[0], g[1], g[2])));
    }

    /** Each hostile global as the first thing in the pickle: refused at its opcode, whose file byte is named. */
    @ParameterizedTest
    @MethodSource("hostileGlobals")
    void forbiddenGlobalIsRefusedWhereItIsNamed(CheckpointLayout layout, String opcode, String module, String name)
            throws Exception {
        PickleBytes pickle = PickleBytes.protocol2();
        int at;
        switch (opcode) {
            case "GLOBAL" -> {
                at = pickle.size();
                pickle.global(module, name).unicode("touch " + payload).op(0x85).op('R');
            }
            case "STACK_GLOBAL" -> {
                pickle.unicode(module).unicode(name);
                at = pickle.size();
                pickle.op(0x93).unicode("touch " + payload).op(0x85).op('R');
            }
            default -> {
                pickle.op('(').unicode("touch " + payload);
                at = pickle.size();
                pickle.global(module, name);
                byte[] bytes = pickle.toByteArray();
                bytes[at] = 'i'; // INST module name, with its arguments after the MARK
                pickle = new PickleBytes();
                for (byte b : bytes) {
                    pickle.raw(b & 0xff);
                }
            }
        }
        pickle.op('.');
        Path file = layout.write(pickle.toByteArray(), dir.resolve("evil.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertTrue(e.reason().startsWith(layout.pickleName + " byte " + at + ": "
                + String.format(REFUSAL, module + "." + name)), e.reason());
        assertEquals(layout.fileOffset(file) + at, e.offset());
        assertFalse(Files.exists(payload), "the payload ran");
    }

    /**
     * A global whose module name holds a newline and an ANSI colour, and one whose module name is 1 MB long:
     * the refusal shows them escaped and cut, on one line.
     */
    @Test
    void hostileGlobalNamesAreEscapedAndCut() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().unicode("os\n\u001b[31mred").unicode("system");
        int at = pickle.size();
        pickle.op(0x93).op('.');
        Path file = CheckpointZip.archive(pickle.toByteArray()).write(dir.resolve("evil.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals("archive/data.pkl byte " + at + ": " + String.format(REFUSAL, "os\\n\\x1b[31mred.system"),
                e.reason());
        assertEquals(1, e.getMessage().lines().count());

        PickleBytes huge = PickleBytes.protocol2().unicode("m".repeat(1 << 20)).unicode("system");
        int hugeAt = huge.size();
        huge.op(0x93).op('.');
        Path hugeFile = CheckpointZip.archive(huge.toByteArray()).write(dir.resolve("huge.pt"));
        ModelFormatException cut = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(hugeFile));
        assertEquals("archive/data.pkl byte " + hugeAt + ": "
                + String.format(REFUSAL, "m".repeat(120) + "... (1048583 characters)"), cut.reason());
    }

    @ParameterizedTest
    @EnumSource(CheckpointLayout.class)
    void forbiddenGlobalDeepInsideAStateDictIsRefused(CheckpointLayout layout) throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('}').op('(').unicode("w")
                .tensorV2("FloatStorage", "0", 4, 0, new long[] {4}, new long[] {1})
                .unicode("x");
        int at = pickle.size();
        pickle.global("os", "system").unicode("touch " + payload).op(0x85).op('R').op('u').op('.');
        Path file = layout.write(pickle.toByteArray(), dir.resolve("evil.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals(layout.pickleName + " byte " + at + ": " + String.format(REFUSAL, "os.system"), e.reason());
        assertFalse(Files.exists(payload), "the payload ran");
    }

    @Test
    void wholeModulesGetAHint() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().global("torch.nn.modules.linear", "Linear").op('.');
        Path file = CheckpointZip.archive(pickle.toByteArray()).write(dir.resolve("module.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertTrue(e.reason().endsWith("(a whole module was saved: save its state_dict() instead)"), e.reason());
    }

    @ParameterizedTest
    @EnumSource(CheckpointLayout.class)
    void allowedGlobalsCannotBeCalledAsSomethingElse(CheckpointLayout layout) throws Exception {
        // an allowed storage type is an inert marker: calling it is refused, not performed
        PickleBytes pickle = PickleBytes.protocol2().global("torch", "FloatStorage").unicode("x").op(0x85);
        int at = pickle.size();
        pickle.op('R').op('.');
        Path file = layout.write(pickle.toByteArray(), dir.resolve("call.pt"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals(layout.pickleName + " byte " + at + ": the pickle calls a torch.FloatStorage, which jaynes does not call",
                e.reason());
    }

    @Test
    void forbiddenGlobalInALegacyFilesSystemInfoIsRefused() throws Exception {
        PickleBytes info = PickleBytes.protocol2();
        int at = info.size();
        info.global("os", "system").unicode("touch " + payload).op(0x85).op('R').op('.');
        byte[] head = LegacyFile.MAGIC;
        byte[] protocol = PickleBytes.protocol2().integer(1001).op('.').toByteArray();
        Path file = dir.resolve("evil.pt");
        Files.write(file, concat(head, protocol, info.toByteArray()));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PytorchReader().read(file));
        assertEquals("the system info pickle byte " + at + ": " + String.format(REFUSAL, "os.system"), e.reason());
        assertEquals(head.length + protocol.length + at, e.offset());
        assertFalse(Files.exists(payload), "the payload ran");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
