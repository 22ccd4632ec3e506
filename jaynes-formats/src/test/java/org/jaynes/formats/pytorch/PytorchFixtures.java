package org.jaynes.formats.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.Goldens;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.Resources;
import org.jaynes.formats.testing.TensorValues;

/**
 * The checkpoints {@code tools/make_pytorch_fixtures.py} (zip) and {@code tools/make_legacy_pytorch_fixtures.py}
 * (legacy, under {@code legacy/}) wrote with {@code torch.save}, and what they recorded for each tensor in
 * their {@code expected.json}.
 */
final class PytorchFixtures {

    /**
     * What torch held for one tensor.
     *
     * @param dtype         torch's dtype name ({@code float32}, {@code bfloat16})
     * @param storageOffset the view's first element in its storage
     * @param first         its first (up to) three values as float64
     * @param sum           the correctly rounded float64 sum of its values
     * @param sha256        the SHA-256 of its bytes, little-endian, row-major, hex
     */
    record Expected(String name, String dtype, long[] shape, long storageOffset, double[] first, double sum,
            String sha256) {
    }

    private static final String LEGACY = "legacy";

    private PytorchFixtures() {
    }

    /** A file under {@code src/test/resources/pytorch/}. */
    static Path path(String relative) {
        return Resources.fixture("pytorch", relative);
    }

    /** A legacy fixture under {@code src/test/resources/pytorch/legacy/}, written by {@code tools/make_legacy_pytorch_fixtures.py}. */
    static Path legacy(String name) {
        return Resources.fixture("pytorch", LEGACY + "/" + name);
    }

    /** The tensors of one fixture file, in state-dict order. */
    static List<Expected> expected(String file) {
        return expected("pytorch", file);
    }

    /** The tensors of one legacy fixture file, in state-dict order. */
    static List<Expected> legacyExpected(String file) {
        return expected("pytorch/" + LEGACY, file);
    }

    /**
     * numpy's mu and sigma of ln|w| (float64, over the non-zero values) of each floating-point tensor of a
     * legacy fixture, by name.
     */
    static Map<String, double[]> legacyLogStats(String file) {
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (Object row : rows("pytorch/" + LEGACY, file)) {
            Map<?, ?> t = (Map<?, ?>) row;
            if (t.containsKey("mu")) {
                stats.put((String) t.get("name"), new double[] {((Number) t.get("mu")).doubleValue(),
                    ((Number) t.get("sigma")).doubleValue()});
            }
        }
        return stats;
    }

    private static List<?> rows(String folder, String file) {
        return (List<?>) ((Map<?, ?>) Resources.expected(folder).get("files")).get(file);
    }

    private static List<Expected> expected(String folder, String file) {
        List<Expected> result = new ArrayList<>();
        for (Object row : rows(folder, file)) {
            Map<?, ?> t = (Map<?, ?>) row;
            result.add(new Expected((String) t.get("name"), (String) t.get("dtype"), JsonTree.longs(t.get("shape")),
                    ((Number) t.get("storage_offset")).longValue(), JsonTree.doubles(t.get("first")),
                    ((Number) t.get("sum")).doubleValue(), (String) t.get("sha256")));
        }
        return result;
    }

    /** torch's name for a dtype. */
    static String torchName(DType dtype) {
        return switch (dtype) {
            case F64 -> "float64";
            case F32 -> "float32";
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            case I64 -> "int64";
            case I32 -> "int32";
            case I16 -> "int16";
            case U16 -> "uint16";
            case I8 -> "int8";
            case U8 -> "uint8";
            case BOOL -> "bool";
        };
    }

    /** The file the malicious payload would create if anything ran it. */
    static Path payloadFile() {
        return Path.of((String) ((Map<?, ?>) Resources.expected("pytorch").get("malicious")).get("payload_creates"));
    }

    /**
     * The tensors come in torch's state-dict order with torch's dtype, shape and bytes (SHA-256 equal,
     * so every value is bit-equal); first values are bit-equal as decoded doubles. The sum may differ
     * from Python's correctly rounded {@code math.fsum} by the error of plain double summation, at most
     * n·2⁻⁵³·Σ|x| (n ≤ 768 here, so under 1e-12·Σ|x|).
     */
    static void assertMatches(List<Expected> expected, List<Tensor> tensors) throws IOException {
        assertEquals(expected.stream().map(Expected::name).toList(), tensors.stream().map(Tensor::storedName).toList());
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            Tensor t = tensors.get(i);
            assertEquals(e.dtype(), torchName(t.dtype()), e.name());
            assertArrayEquals(e.shape(), t.shape().dims(), e.name());
            assertEquals(e.sha256(), TensorValues.sha256(t), e.name());
            Goldens.assertFirstAndSum(e.name(), TensorValues.of(t), e.first(), e.sum());
        }
    }

    /**
     * The storage sharing that both the zip and the legacy state-dict fixtures hold: the tied
     * {@code lm_head.weight} is the embedding's region of the file (a distinct tensor); {@code views.*} lie
     * their storage offsets (0, 3 and 12 elements) into {@code views.base}'s region; and every region lies
     * inside the file.
     */
    static void assertSharedStorages(Path file, List<Tensor> tensors, List<Expected> expected) throws IOException {
        Map<String, Tensor> byName = new LinkedHashMap<>();
        tensors.forEach(t -> byName.put(t.storedName(), t));
        Tensor embedding = byName.get("embeddings.word_embeddings.weight");
        Tensor head = byName.get("lm_head.weight");
        assertNotSame(embedding, head);
        assertEquals(embedding.data(), head.data());
        FileRegion base = (FileRegion) byName.get("views.base").data();
        List<Expected> views = expected.stream().filter(e -> e.name().startsWith("views.")).toList();
        assertEquals(List.of(0L, 3L, 12L), views.stream().map(Expected::storageOffset).toList());
        for (Expected e : views) {
            assertEquals(base.offset() + 4 * e.storageOffset(), ((FileRegion) byName.get(e.name()).data()).offset(),
                    e.name());
        }
        for (Tensor t : tensors) {
            FileRegion region = (FileRegion) t.data();
            assertEquals(file, region.file());
            assertTrue(region.offset() > 0 && region.offset() + region.length() <= Files.size(file), t.storedName());
        }
    }
}
