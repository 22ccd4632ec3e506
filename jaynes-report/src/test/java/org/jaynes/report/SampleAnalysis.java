package org.jaynes.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;

/** A small seeded model analysed for real, for the report tests. */
public final class SampleAnalysis {

    private SampleAnalysis() {
    }

    public static AnalysisResult of(AnalysisOptions options) throws IOException {
        Model model = new Model("sample.safetensors", ModelFormat.SAFETENSORS, List.of(
                gaussian("layers.0.attn.q_proj.weight", "layers.0.attn.q_proj", Role.ATTENTION_QUERY, 64, 96, 1),
                lognormal("layers.0.mlp.up_proj.weight", "layers.0.mlp.up_proj", Role.MLP_UP, 96, 128, 2),
                gaussian("layers.0.norm.weight", "layers.0.norm", Role.NORMALIZATION, 1, 64, 3)));
        return new ModelAnalyzer(options).analyze(model, ProgressListener.NONE);
    }

    private static Tensor gaussian(String stored, String name, Role role, int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return tensor(stored, name, role, rows, columns, () -> (float) (0.02 * gaussian(random)));
    }

    private static Tensor lognormal(String stored, String name, Role role, int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return tensor(stored, name, role, rows, columns,
                () -> (float) ((random.nextBoolean() ? 1 : -1) * Math.exp(-3 + 0.8 * gaussian(random))));
    }

    private interface FloatSource {
        float next();
    }

    private static Tensor tensor(String stored, String name, Role role, int rows, int columns, FloatSource values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * rows * columns).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * columns; i++) {
            bytes.putFloat(values.next());
        }
        bytes.flip();
        Shape shape = rows == 1 ? Shape.of(columns) : Shape.of(rows, columns);
        return new Tensor(stored, name, role, shape, DType.F32, new HeapBytes(bytes));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: enough for test data.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
