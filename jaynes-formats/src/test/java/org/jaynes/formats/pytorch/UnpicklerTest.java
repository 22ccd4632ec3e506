package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.tensor.DType;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;

/** The pickle machine on pickles written opcode by opcode: values, memo, marks and bounds. */
class UnpicklerTest {

    private static final PickleFile SOURCE = new PickleFile(Path.of("m.pt"), "m/data.pkl", 64);

    private static Object load(PickleBytes pickle) throws ModelFormatException {
        return Unpickler.load(SOURCE, pickle.op('.').toByteArray());
    }

    private static ModelFormatException refused(PickleBytes pickle) {
        return assertThrows(ModelFormatException.class, () -> Unpickler.load(SOURCE, pickle.toByteArray()));
    }

    @Test
    void integers() throws Exception {
        assertEquals(200L, load(PickleBytes.protocol2().op('K').raw(200)));
        assertEquals(65535L, load(PickleBytes.protocol2().op('M').raw(0xff, 0xff)));
        assertEquals(-2L, load(PickleBytes.protocol2().op('J').int32(-2)));
        assertEquals(0L, load(PickleBytes.protocol2().op(0x8a).raw(0)));
        assertEquals(-129L, load(PickleBytes.protocol2().op(0x8a).raw(2, 0x7f, 0xff)));
        assertEquals(Long.MIN_VALUE, load(PickleBytes.protocol2().op(0x8a).raw(8, 0, 0, 0, 0, 0, 0, 0, 0x80)));
        assertEquals(BigInteger.ONE.shiftLeft(64),
                load(PickleBytes.protocol2().op(0x8a).raw(9, 0, 0, 0, 0, 0, 0, 0, 0, 1)));
    }

    @Test
    void floatsStringsBytesAndConstants() throws Exception {
        long bits = Double.doubleToRawLongBits(-0.1);
        PickleBytes pickle = PickleBytes.protocol2().op('G');
        for (int shift = 56; shift >= 0; shift -= 8) {
            pickle.raw((int) (bits >>> shift) & 0xff);
        }
        assertEquals(-0.1, load(pickle));
        assertEquals("größe", load(PickleBytes.protocol2().unicode("größe")));
        assertEquals("ab", load(PickleBytes.protocol2().op(0x8c).raw(2, 'a', 'b')));
        assertEquals("ab", load(PickleBytes.protocol2().op(0x8d).raw(2, 0, 0, 0, 0, 0, 0, 0, 'a', 'b')));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) load(PickleBytes.protocol2().op('C').raw(2, 1, 2)));
        assertSame(Pickled.NONE, load(PickleBytes.protocol2().op('N')));
        assertEquals(Boolean.TRUE, load(PickleBytes.protocol2().op(0x88)));
    }

    @Test
    void containersMemoAndMarks() throws Exception {
        // {"a": [1, 2, 3], "b": (memo 0 = the list, "x"), "c": None}, with FRAME, MEMOIZE and POP_MARK
        PickleBytes pickle = new PickleBytes().op(0x80).raw(4).op(0x95).raw(10, 0, 0, 0, 0, 0, 0, 0)
                .op('}').op('(').unicode("a").op(']').op(0x94).op('K').raw(1).op('a').op('(').op('K').raw(2)
                .op('K').raw(3).op('e').unicode("b").op('h').raw(0).unicode("x").op(0x86)
                .unicode("c").op('N').op('(').op('K').raw(9).op('1').op('u');
        Pickled.Dict dict = assertInstanceOf(Pickled.Dict.class, load(pickle));
        assertEquals(List.of("a", "b", "c"), dict.keys);
        Pickled.PyList list = (Pickled.PyList) dict.get("a");
        assertEquals(List.of(1L, 2L, 3L), list.items);
        Pickled.Tuple tuple = (Pickled.Tuple) dict.get("b");
        assertSame(list, tuple.items.get(0));
        assertEquals("x", tuple.items.get(1));
        assertSame(Pickled.NONE, dict.get("c"));
    }

    @Test
    void torchTensorRebuildIsInterpreted() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2()
                .tensorV2("HalfStorage", "7", 12, 2, new long[] {2, 5}, new long[] {5, 1});
        Pickled.TensorRef tensor = assertInstanceOf(Pickled.TensorRef.class, load(pickle));
        assertEquals(DType.F16, tensor.dtype());
        assertEquals("7", tensor.storage().key());
        assertEquals(24, tensor.storage().byteLength());
        assertEquals(2, tensor.offset());
        assertArrayEquals(new long[] {2, 5}, tensor.size());
        assertEquals(pickle.at("rebuild"), tensor.at());
        assertEquals(pickle.at("persid"), tensor.storage().at());
    }

    @Test
    void protocolNewerThanFiveIsRefused() {
        ModelFormatException e = refused(new PickleBytes().op(0x80).raw(6).op('.'));
        assertEquals("m/data.pkl byte 0: pickle protocol 6 is newer than 5", e.reason());
        assertEquals(64, e.offset());
    }

    @Test
    void popPastAMarkIsRefused() {
        ModelFormatException e = refused(PickleBytes.protocol2().op('K').raw(1).op('(').op(0x85).op('.'));
        assertEquals("m/data.pkl byte 5: TUPLE1 (0x85) needs a value on the stack, the stack is empty", e.reason());
    }

    @Test
    void memoEntryNeverStoredIsRefused() {
        ModelFormatException e = refused(PickleBytes.protocol2().op('h').raw(3).op('.'));
        assertEquals("m/data.pkl byte 2: BINGET (0x68) of memo entry 3, which was never stored", e.reason());
    }

    @Test
    void appendToADictIsRefused() {
        ModelFormatException e = refused(PickleBytes.protocol2().op('}').op('N').op('a').op('.'));
        assertEquals("m/data.pkl byte 4: APPEND (0x61) needs a list, found a dict", e.reason());
    }

    @Test
    void marksAreBounded() {
        PickleBytes pickle = PickleBytes.protocol2();
        for (int i = 0; i <= Unpickler.MAX_MARKS; i++) {
            pickle.op('(');
        }
        ModelFormatException e = refused(pickle);
        assertEquals(String.format("m/data.pkl byte %d: more than %d values on the stack or %d open MARKs",
                2 + Unpickler.MAX_MARKS, Unpickler.MAX_STACK, Unpickler.MAX_MARKS), e.reason());
    }

    @Test
    void valuesBuiltAreBounded() {
        // append an empty tuple: a new value, a push and a list element each
        long each = Unpickler.OBJECT + 2 * Unpickler.REFERENCE;
        PickleBytes pickle = PickleBytes.protocol2().op(']');
        for (long i = 0; i <= Unpickler.MAX_BUDGET / each; i++) {
            pickle.op(')').op('a');
        }
        ModelFormatException e = refused(pickle.op('.'));
        assertTrue(e.reason().contains("goes over the pickle's memory budget of " + (Unpickler.MAX_BUDGET >> 20)
                + " MiB"), e.reason());
    }

    @Test
    void hugeStringLengthIsRefusedBeforeAllocating() {
        ModelFormatException e = refused(PickleBytes.protocol2().op(0x8d).raw(0, 0, 0, 0, 0, 0, 0, 0x40).op('.'));
        assertEquals(String.format("m/data.pkl byte 2: BINUNICODE8 (0x8d) of %d bytes is over the limit of %d",
                1L << 62, Unpickler.MAX_STRING), e.reason());
    }

    @Test
    void selfContainingListIsHarmless() throws Exception {
        // l = []; l.append(l); {"l": l}: the walk stops at the depth bound instead of recursing forever
        PickleBytes pickle = PickleBytes.protocol2().op('}').unicode("l").op(']').op('q').raw(0).op('h').raw(0)
                .op('a').op('s');
        Object root = load(pickle);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> StateDict.tensors(SOURCE, root, "m"));
        assertTrue(e.reason().startsWith("m/data.pkl: the checkpoint nests containers more than 64 deep"), e.reason());
    }

    @Test
    void exponentialSharingIsBounded() throws Exception {
        // d0 = {}; d(i+1) = {"a": d(i), "b": d(i)} for 40 levels: 2^40 paths, cut off at the visit bound
        PickleBytes pickle = PickleBytes.protocol2().op('}');
        for (int i = 0; i < 40; i++) {
            pickle.op('q').raw(0).op('}').op('(').unicode("a").op('h').raw(0).unicode("b").op('h').raw(0).op('u');
        }
        Object root = load(pickle);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> StateDict.tensors(SOURCE, root, "m"));
        assertEquals("m/data.pkl: the checkpoint's containers hold more than " + StateDict.MAX_VISITS + " values",
                e.reason());
    }

    @Test
    void contiguityFollowsTorch() {
        assertTrue(StorageViews.contiguous(new long[] {2, 3}, new long[] {3, 1}, 6));
        assertTrue(StorageViews.contiguous(new long[] {2, 1, 3}, new long[] {3, 99, 1}, 6), "size-1 strides are free");
        assertTrue(StorageViews.contiguous(new long[] {0, 3}, new long[] {7, 7}, 0), "empty views are contiguous");
        assertTrue(StorageViews.contiguous(new long[] {}, new long[] {}, 1), "scalars are contiguous");
        assertTrue(!StorageViews.contiguous(new long[] {2, 3}, new long[] {1, 2}, 6), "a transpose is not");
        assertTrue(!StorageViews.contiguous(new long[] {2, 3}, new long[] {6, 2}, 6), "a strided slice is not");
    }

    @Test
    void aPickleFollowedByOtherBytesEndsAtItsStop() throws Exception {
        byte[] bytes = PickleBytes.protocol2().integer(1001).op('.').raw(0x80, 2, 'K').toByteArray();
        Unpickler.Loaded loaded = Unpickler.loadPrefix(SOURCE, bytes, false, 0).orElseThrow();
        assertEquals(1001L, loaded.value());
        assertEquals(6, loaded.length());
        assertTrue(loaded.charged() > 0);
    }

    @Test
    void aPickleRunningPastItsWindowAsksForMoreOnlyWhenThereIsMore() throws Exception {
        byte[] cut = PickleBytes.protocol2().unicode("a longer string").toByteArray();
        byte[] window = java.util.Arrays.copyOf(cut, cut.length - 4);
        assertTrue(Unpickler.loadPrefix(SOURCE, window, true, 0).isEmpty());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Unpickler.loadPrefix(SOURCE, window, false, 0));
        assertEquals("m/data.pkl byte 2: BINUNICODE (0x58) needs 15 more bytes, only 11 left", e.reason());
        byte[] noStop = PickleBytes.protocol2().integer(1).toByteArray();
        assertTrue(Unpickler.loadPrefix(SOURCE, noStop, true, 0).isEmpty());
        byte[] global = PickleBytes.protocol2().op('c').raw('o', 's').toByteArray();
        assertTrue(Unpickler.loadPrefix(SOURCE, global, true, 0).isEmpty());
    }

    @Test
    void aForbiddenGlobalIsRefusedEvenWhenMoreCouldBeRead() {
        byte[] bytes = PickleBytes.protocol2().global("os", "system").toByteArray();
        assertThrows(ModelFormatException.class, () -> Unpickler.loadPrefix(SOURCE, bytes, true, 0));
    }

    @Test
    void thePicklesOfOneFileShareOneBudget() {
        byte[] bytes = PickleBytes.protocol2().op(']').integer(1).op('a').op('.').toByteArray();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Unpickler.loadPrefix(SOURCE, bytes, false, Unpickler.MAX_BUDGET - 8));
        assertTrue(e.reason().contains("goes over the pickle's memory budget"), e.reason());
    }

    @Test
    void everyStorageAPersistentIdLoadsIsListedInOrder() throws Exception {
        PickleBytes pickle = PickleBytes.protocol2().op('(').unicode("storage").global("torch", "FloatStorage")
                .unicode("b").unicode("cpu").integer(3).op('N').op('t').op('Q').op('0')
                .storage("HalfStorage", "a", 2).op('.');
        Unpickler.Loaded loaded = Unpickler.loadPrefix(SOURCE, pickle.toByteArray(), false, 0).orElseThrow();
        assertEquals(List.of("b", "a"), loaded.storages().stream().map(Pickled.Storage::key).toList());
        assertEquals(List.of(12L, 4L), loaded.storages().stream().map(Pickled.Storage::byteLength).toList());
    }
}
