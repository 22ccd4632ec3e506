package org.jaynes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.DType;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.safetensors.SafetensorsReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link ModelAnalyzer} over a synthetic safetensors file of {@value #MODEL_BYTES} bytes
 * (64 MiB tensors of N(0, 0.02²) values, written once per trial into a temporary folder, so it is in
 * the page cache), with 1 and 2 worker threads. One operation analyses the whole file; the
 * {@code megabytes} counter reports MB/s (10^6 bytes). The heap is capped as the launcher caps it.
 * <pre>{@code
 * java -jar jaynes-bench/target/jaynes-bench.jar AnalyzerBenchmark -p dtype=BF16
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AnalyzerBenchmark extends JaynesBenchmark {

    /** Data bytes of the synthetic model: 256 MiB. */
    public static final long MODEL_BYTES = 256L << 20;

    @Param({"1", "2"})
    public int threads;

    @Param({"F32"})
    public DType dtype;

    private Path folder;
    private Model model;
    private ModelAnalyzer analyzer;
    private long bytes;

    @Setup(Level.Trial)
    public void writeModel() throws IOException, ModelFormatException {
        folder = Files.createTempDirectory("jaynes-bench");
        Path file = folder.resolve("synthetic.safetensors");
        SyntheticModel.write(file, dtype, MODEL_BYTES, SyntheticModel.TENSOR_BYTES,
                SyntheticModel.DEFAULT_STANDARD_DEVIATION, SyntheticModel.DEFAULT_SEED);
        model = new SafetensorsReader().read(file);
        bytes = model.tensors().stream().mapToLong(t -> t.data().length()).sum();
        analyzer = new ModelAnalyzer(AnalysisOptions.DEFAULTS.withThreads(threads));
    }

    @TearDown(Level.Trial)
    public void deleteModel() throws IOException {
        Files.deleteIfExists(folder.resolve("synthetic.safetensors"));
        Files.deleteIfExists(folder);
    }

    @Benchmark
    public AnalysisResult analyze(AccumulatorBenchmark.Megabytes counter) throws IOException {
        AnalysisResult result = analyzer.analyze(model, ProgressListener.NONE);
        counter.megabytes += bytes / 1e6;
        return result;
    }
}
