package org.jaynes.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata as the reference library wrote it, and the bounds the parser keeps on what it holds. */
class GgufMetadataTest {

    @TempDir
    Path folder;

    @Test
    void everyValueTypeReadsAsWritten() throws Exception {
        GgufMetadata metadata = GgufHeader.read(GgufFixtures.path("types.gguf")).metadata();
        List<?> expected = (List<?>) GgufFixtures.file("types.gguf").get("metadata");
        assertEquals(expected.size(), metadata.entries().size());
        for (int i = 0; i < expected.size(); i++) {
            Map<?, ?> e = (Map<?, ?>) expected.get(i);
            GgufMetadata.Entry entry = metadata.entries().get(i);
            assertEquals(e.get("key"), entry.key());
            assertEquals(e.get("type"), typeName(entry.value()), entry.key());
            assertEquals(normalize(e.get("value")), plain(entry.value()), entry.key());
        }
    }

    @Test
    void typedAccessors() throws Exception {
        GgufMetadata metadata = GgufHeader.read(GgufFixtures.path("types.gguf")).metadata();
        assertEquals("llama", metadata.string("general.architecture").orElseThrow());
        assertEquals(7, metadata.integer("general.file_type").orElseThrow());
        assertEquals("18000000000000000000", Long.toUnsignedString(metadata.integer("test.uint64").orElseThrow()));
        assertTrue(metadata.string("general.file_type").isEmpty());
        assertTrue(metadata.get("no.such.key").isEmpty());
    }

    @Test
    void longArraysAndStringsAreWalkedButNotHeld() throws Exception {
        int tokens = MetadataParser.MAX_KEPT_ELEMENTS + 1;
        GgufBytes bytes = GgufBytes.header(3, 0, 3).string("tokenizer.ggml.tokens").u32(GgufBytes.ARRAY)
                .u32(GgufBytes.STRING).u64(tokens);
        for (int i = 0; i < tokens; i++) {
            bytes.string("t" + i);
        }
        bytes.string("tokenizer.chat_template").u32(GgufBytes.STRING).string("x".repeat(MetadataParser.MAX_KEPT_STRING + 1));
        bytes.u32Pair("after", 5);
        Path file = Files.write(folder.resolve("long.gguf"), bytes.toByteArray());
        GgufMetadata metadata = GgufHeader.read(file).metadata();
        GgufValue.GgufArray array = assertInstanceOf(GgufValue.GgufArray.class,
                metadata.get("tokenizer.ggml.tokens").orElseThrow());
        assertEquals(tokens, array.length());
        assertFalse(array.isComplete());
        assertEquals(GgufValueType.STRING, array.elementType());
        assertEquals(new GgufValue.GgufSkippedString(MetadataParser.MAX_KEPT_STRING + 1),
                metadata.get("tokenizer.chat_template").orElseThrow());
        assertEquals(5, metadata.integer("after").orElseThrow());
    }

    /** The type as the fixture script names it: {@code ARRAY[ARRAY[INT32]]}. */
    private static String typeName(GgufValue value) {
        if (value instanceof GgufValue.GgufArray array) {
            return "ARRAY[" + typeName(array.elements().get(0)) + "]";
        }
        return value.type().name();
    }

    /** A value as the JSON parser gives the same value: Long or BigInteger, Double, Boolean, String, List. */
    private static Object plain(GgufValue value) {
        if (value instanceof GgufValue.GgufInteger integer) {
            return integer.type() == GgufValueType.UINT64 && integer.value() < 0
                    ? new BigInteger(Long.toUnsignedString(integer.value()))
                    : (Object) integer.value();
        } else if (value instanceof GgufValue.GgufFloat real) {
            return real.value();
        } else if (value instanceof GgufValue.GgufBool bool) {
            return bool.value();
        } else if (value instanceof GgufValue.GgufString text) {
            return text.value();
        } else if (value instanceof GgufValue.GgufArray array) {
            List<Object> list = new ArrayList<>();
            array.elements().forEach(v -> list.add(plain(v)));
            return list;
        }
        throw new AssertionError(value);
    }

    private static Object normalize(Object json) {
        if (json instanceof Number n && !(json instanceof Double) && !(json instanceof BigInteger)) {
            return n.longValue();
        }
        if (json instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v)));
            return out;
        }
        return json;
    }
}
