package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.testing.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of broken ONNX file gives one ModelFormatException naming the file, the byte offset and
 * the problem, and leaves the file as it was. Broken files are written byte by byte with
 * {@link ProtoBytes}, whose marks give the offset each error must name.
 */
class OnnxBadInputTest {

    private static final int FLOAT = 1;

    @TempDir
    Path folder;

    /** Reads bytes as an ONNX file, expecting an error at the offset with the reason. */
    private void fails(byte[] bytes, long offset, String reason) throws Exception {
        BadInput.assertRefused(new OnnxReader(), folder.resolve("broken.onnx"), bytes, offset, reason);
    }

    /** A model whose one initializer is the tensor; the tensor's marks become absolute. */
    private static ProtoBytes modelOf(ProtoBytes tensor) {
        return ProtoBytes.model(ProtoBytes.graphOf(tensor));
    }

    /** An f32 TensorProto without data, marked "tensor" where its message starts. */
    private static ProtoBytes f32(String name, long... dims) {
        ProtoBytes tensor = new ProtoBytes().mark("tensor");
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        return tensor.varint(2, FLOAT).string(8, name);
    }

    private static ProtoBytes entry(String key, String value) {
        return new ProtoBytes().string(1, key).string(2, value);
    }

    @Test
    void truncatedFile() throws Exception {
        ProtoBytes graph = ProtoBytes.graphOf(f32("w", 4, 8).bytes(9, new byte[128]));
        byte[] cut = Arrays.copyOf(ProtoBytes.model(graph).toByteArray(), 60);
        // ir_version (2 bytes), then the graph's tag (1) and length (2 bytes, as the graph has > 127)
        fails(cut, 2, String.format("field 7 (graph) of ModelProto needs %d bytes, only 55 left", graph.size()));
    }

    @Test
    void truncatedReferenceFixture() throws Exception {
        byte[] whole = Files.readAllBytes(OnnxFixturesTest.fixture("raw_dtypes.onnx"));
        Path file = folder.resolve("raw_dtypes.onnx");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new OnnxReader().read(file));
        assertTrue(e.reason().matches("field 7 \\(graph\\) of ModelProto needs \\d+ bytes, only \\d+ left"), e.reason());
        assertTrue(e.getMessage().startsWith(file + ": at byte " + e.offset() + ": "), e.getMessage());
    }

    @Test
    void fieldRunningPastTheEndOfItsMessage() throws Exception {
        ProtoBytes tensor = f32("w", 2, 3).mark("raw").tag(9, 2).rawVarint(100).raw(new int[24]);
        ProtoBytes model = ProtoBytes.model(ProtoBytes.graphOf(tensor).string(2, "x".repeat(200)));
        fails(model.toByteArray(), model.offset("raw"), "field 9 (raw_data) of TensorProto needs 100 bytes, only 24 left");
    }

    @Test
    void varintLongerThanTenBytes() throws Exception {
        ProtoBytes tensor = new ProtoBytes().tag(1, 0).mark("dim")
                .raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).varint(2, FLOAT);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("dim"), "broken varint of field 1 (dims) of TensorProto: longer than 10 bytes");
    }

    @Test
    void varintCutOffByTheEndOfTheFile() throws Exception {
        fails(new byte[] {0x08, (byte) 0xff, (byte) 0xff}, 1,
                "varint of field 1 (ir_version) of ModelProto is cut off after 2 bytes by the end of ModelProto");
    }

    @ParameterizedTest
    @CsvSource({"3, 'field 20 of GraphProto has wire type 3 (group): groups are not supported'",
            "4, 'field 20 of GraphProto has wire type 4 (group): groups are not supported'",
            "6, 'field 20 of GraphProto has invalid wire type 6'",
            "7, 'field 20 of GraphProto has invalid wire type 7'"})
    void invalidWireType(int wireType, String reason) throws Exception {
        ProtoBytes graph = new ProtoBytes().string(2, "g").mark("bad").tag(20, wireType).raw(0, 0, 0, 0);
        ProtoBytes model = ProtoBytes.model(graph);
        fails(model.toByteArray(), model.offset("bad"), reason);
    }

    @Test
    void wrongWireTypeForTheGraph() throws Exception {
        ProtoBytes model = new ProtoBytes().varint(1, 8).mark("graph").varint(7, 5);
        fails(model.toByteArray(), model.offset("graph"),
                "field 7 (graph) of ModelProto has wire type 0 (varint), expected 2 (length-delimited)");
    }

    @Test
    void rawDataLengthNotMatchingTheShape() throws Exception {
        ProtoBytes model = modelOf(f32("w", 2, 3).mark("raw").bytes(9, new byte[20]));
        fails(model.toByteArray(), model.offset("raw"), "raw_data of tensor w has 20 bytes, but f32 [2, 3] needs 24");
    }

    @Test
    void floatDataCountNotMatchingTheShape() throws Exception {
        ProtoBytes model = modelOf(f32("w", 2, 3).mark("values").bytes(4, new byte[20]));
        fails(model.toByteArray(), model.offset("values"),
                "field 4 (float_data) of tensor w has 20 bytes, but f32 [2, 3] needs 24");
    }

    @Test
    void int32DataValueOutOfRange() throws Exception {
        ProtoBytes tensor = new ProtoBytes().varint(1, 2).varint(2, 3).string(8, "w")
                .tag(5, 2).rawVarint(3).mark("value").raw(0xac, 0x02, 0x01);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("value"), "value 300 (element 0) of tensor w is out of range for i8");
    }

    @Test
    void valuesInTheWrongTypedField() throws Exception {
        ProtoBytes tensor = new ProtoBytes().varint(1, 1).varint(2, 10).string(8, "w").mark("values").fixed32(4, 0);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("values"),
                "tensor w of data_type 10 (FLOAT16) keeps its values in field 4 (float_data), expected field 5 (int32_data)");
    }

    @Test
    void valuesInTwoTypedFields() throws Exception {
        ProtoBytes model = modelOf(f32("w", 1).fixed32(4, 0).mark("second").varint(5, 0));
        fails(model.toByteArray(), model.offset("second"),
                "TensorProto stores values in both field 4 (float_data) and field 5 (int32_data)");
    }

    @Test
    void tensorWithoutData() throws Exception {
        ProtoBytes model = modelOf(f32("w", 2));
        fails(model.toByteArray(), model.offset("tensor"), "tensor w has no data: f32 [2] needs 8 bytes");
    }

    @Test
    void negativeDimension() throws Exception {
        ProtoBytes tensor = new ProtoBytes().varint(1, 3).tag(1, 0).mark("dim").rawVarint(-1)
                .varint(2, FLOAT).string(8, "w");
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("dim"), "negative dimension -1 (dims[1]) in tensor w");
    }

    @Test
    void unsupportedDataType() throws Exception {
        ProtoBytes tensor = new ProtoBytes().mark("tensor").varint(1, 2).varint(2, 8).string(8, "w")
                .string(6, "a").string(6, "b");
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("tensor"), "unsupported data_type 8 (STRING) in tensor w with 2 elements");
    }

    @Test
    void noGraph() throws Exception {
        fails(new byte[] {0x08, 0x08}, 0, "no graph: ModelProto has no field 7 (graph)");
    }

    @Test
    void emptyFileHasNoGraph() throws Exception {
        fails(new byte[0], 0, "no graph: ModelProto has no field 7 (graph)");
    }

    @Test
    void subgraphsNestedTooDeep() throws Exception {
        ProtoBytes graph = new ProtoBytes().string(2, "innermost");
        for (int depth = OnnxGraphParser.MAX_GRAPH_DEPTH + 5; depth > 0; depth--) {
            ProtoBytes attribute = new ProtoBytes().string(1, "then_branch").message(6, graph);
            ProtoBytes node = new ProtoBytes().string(4, "If").message(5, attribute);
            graph = new ProtoBytes().mark("depth" + (depth - 1)).message(1, node);
        }
        ProtoBytes model = ProtoBytes.model(graph);
        fails(model.toByteArray(), model.offset("depth" + (OnnxGraphParser.MAX_GRAPH_DEPTH + 1)),
                "subgraphs nested more than 64 levels deep");
    }

    @Test
    void externalDataFileMissing() throws Exception {
        ProtoBytes tensor = f32("w", 2, 3).mark("location").message(13, entry("location", "missing.bin")).varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("location"),
                "external data file " + folder.resolve("missing.bin") + " of tensor w not found");
    }

    @Test
    void externalDataRegionOutsideTheFile() throws Exception {
        Files.write(folder.resolve("w.bin"), new byte[16]);
        ProtoBytes tensor = f32("w", 2, 3).mark("location").message(13, entry("location", "w.bin"))
                .message(13, entry("offset", "8")).varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("location"),
                "external data [8, 32) of tensor w lies outside " + folder.resolve("w.bin") + ", which has 16 bytes");
    }

    @Test
    void externalDataLengthNotMatchingTheShape() throws Exception {
        Files.write(folder.resolve("w.bin"), new byte[64]);
        ProtoBytes tensor = f32("w", 2, 3).message(13, entry("location", "w.bin"))
                .mark("length").message(13, entry("length", "20")).varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("length"), "external data of tensor w has length 20, but [2, 3] needs 24 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../w.bin", "/etc/hostname", "sub/../../w.bin"})
    void externalDataOutsideTheModelsFolder(String location) throws Exception {
        ProtoBytes tensor = f32("w", 2, 3).mark("location").message(13, entry("location", location)).varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("location"),
                "external data location \"" + location + "\" of tensor w is not a file in the model's folder");
    }

    @Test
    void externalDataLinkedOutsideTheModelsFolder(@TempDir Path elsewhere) throws Exception {
        Path planted = Files.write(elsewhere.resolve("planted.bin"), new byte[24]);
        Path link = Files.createSymbolicLink(folder.resolve("w.bin"), planted);
        ProtoBytes tensor = f32("w", 2, 3).mark("location").message(13, entry("location", "w.bin")).varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("location"), "external data location \"w.bin\" of tensor w is not a "
                + "file in the model's folder: " + link + " leads to " + planted.toRealPath() + ", outside "
                + folder.toRealPath());
    }

    @Test
    void externalDataInALinkedFolderOutsideTheModelsFolder(@TempDir Path elsewhere) throws Exception {
        Files.write(elsewhere.resolve("w.bin"), new byte[24]);
        Files.createSymbolicLink(folder.resolve("data"), elsewhere);
        ProtoBytes tensor = f32("w", 2, 3).mark("location").message(13, entry("location", "data/w.bin")).varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("location"), "external data location \"data/w.bin\" of tensor w is "
                + "not a file in the model's folder: " + folder.resolve("data/w.bin") + " leads to "
                + elsewhere.toRealPath().resolve("w.bin") + ", outside " + folder.toRealPath());
    }

    /** A tensor name with a newline and an ANSI colour, and one of 1 MB: escaped and cut, on one line. */
    @Test
    void hostileTensorNamesAreEscapedAndCut() throws Exception {
        String coloured = "evil\n\u001b[31mred";
        ProtoBytes tensor = f32(coloured, 2, 3).mark("location").message(13, entry("location", "missing.bin"))
                .varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("location"), "external data file " + folder.resolve("missing.bin")
                + " of tensor evil\\n\\x1b[31mred not found");
        String huge = "n".repeat(1 << 20);
        ProtoBytes long1 = modelOf(f32(huge, 2, 3).mark("location").message(13, entry("location", "missing.bin"))
                .varint(14, 1));
        fails(long1.toByteArray(), long1.offset("location"), "external data file " + folder.resolve("missing.bin")
                + " of tensor " + "n".repeat(120) + "... (1048576 characters) not found");
    }

    @Test
    void externalDataOffsetNotANumber() throws Exception {
        ProtoBytes tensor = f32("w", 2).message(13, entry("location", "w.bin"))
                .mark("offset").message(13, entry("offset", "-8")).varint(14, 1);
        ProtoBytes model = modelOf(tensor);
        fails(model.toByteArray(), model.offset("offset"),
                "external data offset \"-8\" of tensor w is not a non-negative integer");
    }

    /**
     * Every prefix of a reference fixture and thousands of seeded one-byte corruptions of another: the
     * reader returns a model or a ModelFormatException, never any other exception.
     */
    @Test
    void corruptFilesGiveOnlyModelFormatExceptions() throws Exception {
        byte[] nested = Files.readAllBytes(OnnxFixturesTest.fixture("if_subgraphs.onnx"));
        Path file = folder.resolve("corrupt.onnx");
        for (int length = 0; length < nested.length; length++) {
            readOrFail(file, Arrays.copyOf(nested, length), "prefix of " + length + " bytes of if_subgraphs.onnx");
        }
        byte[] named = Files.readAllBytes(OnnxFixturesTest.fixture("anonymous_names.onnx"));
        long seed = 20240611L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = named.clone();
            int at = random.nextInt(bytes.length);
            bytes[at] = (byte) random.nextInt(256);
            readOrFail(file, bytes, "corruption " + i + " (seed " + seed + ") at byte " + at);
        }
    }

    private static void readOrFail(Path file, byte[] bytes, String what) throws Exception {
        Files.write(file, bytes);
        try {
            new OnnxReader().read(file);
        } catch (ModelFormatException expected) {
            assertTrue(expected.getMessage().startsWith(file + ": at byte "), expected.getMessage());
        } catch (RuntimeException | Error e) {
            fail(what + " threw " + e, e);
        }
    }
}
