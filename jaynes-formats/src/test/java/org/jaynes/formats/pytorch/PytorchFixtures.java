package org.jaynes.formats.pytorch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.tensor.DType;
import org.jaynes.formats.testing.JsonTree;
import org.jaynes.formats.testing.Resources;

/**
 * The checkpoints {@code tools/make_pytorch_fixtures.py} wrote with {@code torch.save}, and what it
 * recorded for each tensor in {@code expected.json}.
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

    private PytorchFixtures() {
    }

    /** A file under {@code src/test/resources/pytorch/}. */
    static Path path(String relative) {
        return Resources.fixture("pytorch", relative);
    }

    /** The tensors of one fixture file, in state-dict order. */
    static List<Expected> expected(String file) {
        Map<?, ?> files = (Map<?, ?>) Resources.expected("pytorch").get("files");
        List<Expected> result = new ArrayList<>();
        for (Object row : (List<?>) files.get(file)) {
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
}
