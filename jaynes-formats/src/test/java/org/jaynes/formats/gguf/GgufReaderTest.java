package org.jaynes.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the files the reference library wrote and checks every tensor, value by value, against the
 * reference library's dequantization: bit for bit, whatever window the values are read through.
 */
class GgufReaderTest {

    private static final long SEED = 20240607L;

    private final GgufReader reader = new GgufReader();

    @ParameterizedTest
    @ValueSource(strings = {"types.gguf", "v2_align64.gguf"})
    void everyTensorHoldsTheReferenceValuesBitForBit(String file) throws Exception {
        Model model = reader.read(GgufFixtures.path(file));
        assertEquals(ModelFormat.GGUF, model.format());
        List<GgufFixtures.Expected> expected = GgufFixtures.tensors(file);
        assertEquals(expected.size(), model.tensors().size());
        for (int i = 0; i < expected.size(); i++) {
            GgufFixtures.Expected e = expected.get(i);
            Tensor t = model.tensors().get(i);
            assertEquals(e.name(), t.storedName());
            assertEquals(e.name().replaceAll("\\.weight$", ""), t.name());
            assertEquals(Shape.of(e.shape()), t.shape(), e.name());
            assertEquals(dtypeOf(e.type()), t.dtype(), e.name());
            double[] values = TensorValues.of(t);
            int[] reference = GgufFixtures.referenceBits(e);
            assertEquals(reference.length, values.length, e.name());
            for (int v = 0; v < values.length; v++) {
                if (Float.floatToRawIntBits((float) values[v]) != reference[v]) {
                    assertEquals(Float.intBitsToFloat(reference[v]), (float) values[v], e.name() + " value " + v);
                }
            }
            for (int v = 0; v < e.first().length; v++) {
                assertEquals(e.first()[v], values[v], e.name() + " first value " + v);
            }
            assertEquals(e.sum(), TensorValues.exactSum(values), Math.ulp(e.sum()), e.name() + " sum");
        }
    }

    @Test
    void plainTensorsStayInTheFileAtTheirOffsets() throws Exception {
        Path file = GgufFixtures.path("types.gguf");
        Model model = reader.read(file);
        List<GgufFixtures.Expected> expected = GgufFixtures.tensors("types.gguf");
        for (int i = 0; i < expected.size(); i++) {
            Tensor t = model.tensors().get(i);
            if (expected.get(i).type().startsWith("Q")) {
                assertInstanceOf(DecodedBytes.class, t.data(), t.storedName());
            } else {
                FileRegion region = assertInstanceOf(FileRegion.class, t.data(), t.storedName());
                assertEquals(file, region.file());
                assertEquals(expected.get(i).dataOffset(), region.offset(), t.storedName());
            }
        }
    }

    @Test
    void quantizedWindowsMayStartAndEndAnywhere() throws Exception {
        Model model = reader.read(GgufFixtures.path("types.gguf"));
        List<GgufFixtures.Expected> expected = GgufFixtures.tensors("types.gguf");
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < expected.size(); i++) {
            Tensor t = model.tensors().get(i);
            if (!(t.data() instanceof DecodedBytes)) {
                continue;
            }
            ByteBuffer reference = ByteBuffer.allocate(expected.get(i).count() * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int bits : GgufFixtures.referenceBits(expected.get(i))) {
                reference.putInt(bits);
            }
            int total = reference.capacity();
            for (int trial = 0; trial < 200; trial++) {
                boolean onValues = trial % 2 == 0;
                int offset = random.nextInt(total + 1);
                if (onValues) {
                    offset -= offset % 4;
                }
                int length = random.nextInt(total - offset + 1);
                if (onValues) {
                    length -= length % 4;
                }
                ByteBuffer window = t.data().window(offset, length);
                assertEquals(length, window.remaining());
                assertEquals(reference.slice(offset, length), window,
                        () -> "seed " + SEED + ", " + t.storedName() + " window at " + window);
            }
        }
    }

    @Test
    void versionAlignmentAndDataSection() throws Exception {
        for (String file : List.of("types.gguf", "v2_align64.gguf")) {
            GgufHeader header = GgufHeader.read(GgufFixtures.path(file));
            Map<?, ?> expected = GgufFixtures.file(file);
            assertEquals(((Number) expected.get("version")).intValue(), header.version(), file);
            assertEquals(((Number) expected.get("alignment")).longValue(), header.alignment(), file);
            assertEquals(((Number) expected.get("data_offset")).longValue(), header.dataStart(), file);
        }
    }

    /**
     * The roles {@code Roles.of} gives llama.cpp's names. It does not yet know {@code token_embd}
     * (embedding) or the bare {@code output} (output head), so those two are not asserted here.
     */
    @Test
    void layerNamesAndRolesFollowLlamaCppNaming() throws Exception {
        Model model = reader.read(GgufFixtures.path("types.gguf"));
        Map<String, Role> expected = Map.ofEntries(
                Map.entry("blk.0.attn_norm", Role.NORMALIZATION),
                Map.entry("blk.0.attn_q", Role.ATTENTION_QUERY),
                Map.entry("blk.0.attn_k", Role.ATTENTION_KEY),
                Map.entry("blk.0.attn_v", Role.ATTENTION_VALUE),
                Map.entry("blk.0.attn_output", Role.ATTENTION_OUTPUT),
                Map.entry("blk.0.ffn_gate", Role.MLP_GATE),
                Map.entry("blk.0.ffn_up", Role.MLP_UP),
                Map.entry("blk.0.ffn_down", Role.MLP_DOWN),
                Map.entry("output_norm", Role.NORMALIZATION));
        int checked = 0;
        for (Tensor t : model.tensors()) {
            if (expected.containsKey(t.name())) {
                assertEquals(expected.get(t.name()), t.role(), t.name());
                checked++;
            }
        }
        assertEquals(expected.size(), checked);
    }

    @Test
    void recognizesTheMagicOnly() {
        assertTrue(reader.recognizes(Path.of("model.bin"), head("GGUF\u0003\u0000\u0000\u0000")));
        assertFalse(reader.recognizes(Path.of("model.gguf"), head("GGUG")));
        assertFalse(reader.recognizes(Path.of("model.gguf"), head("GGU")));
    }

    private static ByteBuffer head(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static DType dtypeOf(String ggmlType) {
        return switch (ggmlType) {
            case "F64" -> DType.F64;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            case "I8" -> DType.I8;
            case "I16" -> DType.I16;
            case "I32" -> DType.I32;
            case "I64" -> DType.I64;
            default -> DType.F32;
        };
    }
}
