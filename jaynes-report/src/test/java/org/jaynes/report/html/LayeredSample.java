package org.jaynes.report.html;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
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

/**
 * A seeded model of eight lognormal layers whose σ is not in file order, one of them named with the
 * characters HTML must escape, analysed for real: enough rows to see a table sort.
 */
final class LayeredSample {

    /** The layer whose name must be escaped. */
    static final String AWKWARD_NAME = "blocks.3.<attn> & \"proj\" 'o'";

    private static final double[] SIGMAS = {0.9, 1.4, 0.6, 1.1, 0.75, 1.25, 0.95, 0.5};
    private static final Role[] ROLES = {Role.EMBEDDING, Role.ATTENTION_QUERY, Role.ATTENTION_KEY,
            Role.ATTENTION_VALUE, Role.ATTENTION_OUTPUT, Role.MLP_UP, Role.MLP_DOWN, Role.OUTPUT_HEAD};

    private LayeredSample() {
    }

    /** A model whose populations are degenerate: all zeros, all one value, and one NaN among zeros. */
    static AnalysisResult degenerate() throws IOException {
        Model model = new Model("degenerate.safetensors", ModelFormat.SAFETENSORS, List.of(
                constant("zeros", 0f, 64, 64), constant("constant", 0.02f, 64, 64), constant("nan", Float.NaN, 64, 64)));
        return new ModelAnalyzer(AnalysisOptions.DEFAULTS).analyze(model, ProgressListener.NONE);
    }

    private static Tensor constant(String name, float value, int rows, int columns) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * rows * columns).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * columns; i++) {
            bytes.putFloat(Float.isNaN(value) && i > 0 ? 0f : value);
        }
        bytes.flip();
        return new Tensor(name, name, Role.DENSE, Shape.of(rows, columns), DType.F32, new HeapBytes(bytes));
    }

    static AnalysisResult of(AnalysisOptions options) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < SIGMAS.length; i++) {
            String name = i == 3 ? AWKWARD_NAME : "blocks." + i + ".weight";
            tensors.add(lognormal(name, ROLES[i], -3 - 0.1 * i, SIGMAS[i], 40, 120, 100 + i));
        }
        Model model = new Model("layered <sample>.safetensors", ModelFormat.SAFETENSORS, tensors);
        return new ModelAnalyzer(options).analyze(model, ProgressListener.NONE);
    }

    private static Tensor lognormal(String name, Role role, double mu, double sigma, int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer bytes = ByteBuffer.allocate(4 * rows * columns).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * columns; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            bytes.putFloat((float) ((random.nextBoolean() ? 1 : -1) * Math.exp(mu + sigma * gaussian)));
        }
        bytes.flip();
        return new Tensor(name + ".stored", name, role, Shape.of(rows, columns), DType.F32, new HeapBytes(bytes));
    }
}
