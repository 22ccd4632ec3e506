package org.jaynes.capture.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jaynes.core.Checks;
import org.jaynes.formats.ModelFormatException;

/**
 * Runs an ONNX model with ONNX Runtime and hands the values of every capture site to a sink, one batch
 * at a time.
 * <pre>{@code
 * CaptureGraph graph = CaptureGraph.read(model);
 * try (OnnxCapture capture = OnnxCapture.open(model, graph.sites(), 2)) {
 *     capture.run(Map.of("x", new FeedTensor.Float32(new long[] {8, 4}, values)),
 *             (site, shape, activations) -> accumulators.get(site).accept(activations));
 * }
 * }</pre>
 *
 * <p>Opening writes a copy of the model with each site's tensor added as a graph output
 * ({@link ExtendedModelFile}), opens an ONNX Runtime session from it and deletes the copy at once: the
 * session has read it, and no copy is left behind if the JVM dies. A model with external data works:
 * its copy is written beside it so that the data's relative locations resolve, which needs a writable
 * folder. The model lives in ONNX Runtime's native memory, not on the Java heap; each run holds the
 * batch's site outputs natively and copies one site at a time onto the heap for the sink, so heap use
 * is bounded by the largest site of one batch. One session serves every site: the model is copied and
 * loaded once per capture, however many sites it has.
 *
 * <p>ONNX Runtime runs with basic graph optimizations only (constant folding, removal of no-op nodes),
 * so every captured tensor is computed by the nodes the graph names, not by a fused kernel standing in
 * for several of them (fused kernels also change between releases). The captured outputs block most
 * fusions anyway: on the bundled MiniLM with every site captured, the full level was no faster.
 *
 * <p>Every problem with the model or the feeds is a one-line {@link ModelFormatException} naming the
 * model file and the input. Activations are float32, float16 or bfloat16: the added outputs keep the
 * model's type (ONNX Runtime infers it), and 16-bit values are widened to float32, exactly, as the sink
 * receives them. {@link #run} may be called from one thread at a time; ONNX Runtime uses {@code threads}
 * threads within each operator.
 */
public final class OnnxCapture implements AutoCloseable {

    static final String CANNOT_LOAD = "ONNX Runtime cannot load the model: %s";
    static final String RUN_FAILED = "running the model on inputs %s failed: %s";
    static final String NOT_FLOAT = "capture site %s (tensor '%s') is %s; jaynes captures float32, float16 and "
            + "bfloat16 activations";

    private final Path model;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final List<CaptureSite> sites;
    private final List<String> modelOutputs;
    private final SessionInputs inputs;

    private OnnxCapture(Path model, OrtEnvironment environment, OrtSession session, List<CaptureSite> sites,
                        List<String> modelOutputs, SessionInputs inputs) {
        this.model = model;
        this.environment = environment;
        this.session = session;
        this.sites = sites;
        this.modelOutputs = modelOutputs;
        this.inputs = inputs;
    }

    /**
     * Opens {@code model} for capturing {@code sites}.
     *
     * @param threads ONNX Runtime's intra-op threads, at least 1
     */
    public static OnnxCapture open(Path model, List<CaptureSite> sites, int threads)
            throws IOException, ModelFormatException {
        Checks.atLeast("threads", threads, 1);
        ModelProto proto = OnnxModelFile.parse(model);
        List<String> modelOutputs = proto.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
        Set<String> added = new LinkedHashSet<>();
        for (CaptureSite site : sites) {
            if (!modelOutputs.contains(site.tensorName())) {
                added.add(site.tensorName());
            }
        }
        Path copy = ExtendedModelFile.write(model, added, OnnxModelFile.hasExternalData(proto));
        OrtEnvironment environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "jaynes");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            // basic rewrites only (constant folding, removing no-ops): the fusions of the higher levels
            // replace the very nodes whose outputs are captured, and their kernels change between releases
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            OrtSession session = environment.createSession(copy.toString(), options);
            return new OnnxCapture(model, environment, session, List.copyOf(sites), modelOutputs,
                    SessionInputs.of(model, session));
        } catch (OrtException e) {
            throw ModelFormatException.at(model, ModelFormatException.NO_OFFSET, CANNOT_LOAD,
                    OnnxModelFile.oneLine(e.getMessage()));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The sites this capture reports, in the order the sink receives them. */
    public List<CaptureSite> sites() {
        return sites;
    }

    /** The model's own outputs, in graph order. */
    public List<String> modelOutputs() {
        return modelOutputs;
    }

    /** Runs one batch and hands each site's values to {@code sink}, in {@link #sites()} order. */
    public void run(Map<String, FeedTensor> feeds, CaptureSink sink) throws ModelFormatException {
        run(feeds, sink, false);
    }

    /**
     * Runs one batch like {@link #run}, and also returns the model's own float outputs (by name, a float32
     * copy of each); outputs of other types are left out.
     */
    public Map<String, float[]> runWithOutputs(Map<String, FeedTensor> feeds, CaptureSink sink)
            throws ModelFormatException {
        return run(feeds, sink, true);
    }

    private Map<String, float[]> run(Map<String, FeedTensor> feeds, CaptureSink sink, boolean withOutputs)
            throws ModelFormatException {
        inputs.check(feeds);
        Set<String> requested = new LinkedHashSet<>();
        sites.forEach(site -> requested.add(site.tensorName()));
        if (withOutputs || requested.isEmpty()) {
            requested.addAll(modelOutputs); // with no site either, the run still checks the feeds
        }
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (Map.Entry<String, FeedTensor> feed : feeds.entrySet()) {
                tensors.put(feed.getKey(), tensor(feed.getKey(), feed.getValue()));
            }
            try (OrtSession.Result result = session.run(tensors, requested)) {
                for (CaptureSite site : sites) {
                    OnnxTensor values = floatOutput(result, site.tensorName(), site.name());
                    sink.accept(site, values.getInfo().getShape(), values.getFloatBuffer());
                }
                Map<String, float[]> outputs = new LinkedHashMap<>();
                if (withOutputs) {
                    for (String name : modelOutputs) {
                        OnnxValue value = result.get(name).orElseThrow();
                        if (value instanceof OnnxTensor tensor && isFloat(tensor)) {
                            FloatBuffer buffer = tensor.getFloatBuffer();
                            float[] copy = new float[buffer.remaining()];
                            buffer.get(copy);
                            outputs.put(name, copy);
                        }
                    }
                }
                return outputs;
            }
        } catch (OrtException e) {
            throw ModelFormatException.at(model, ModelFormatException.NO_OFFSET, RUN_FAILED,
                    String.join(", ", feeds.keySet()), OnnxModelFile.oneLine(e.getMessage()));
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor floatOutput(OrtSession.Result result, String tensorName, String siteName)
            throws ModelFormatException {
        OnnxValue value = result.get(tensorName).orElseThrow();
        if (value instanceof OnnxTensor tensor && isFloat(tensor)) {
            return tensor;
        }
        String type = value instanceof OnnxTensor tensor ? SessionInputs.elementType(tensor.getInfo().type).label()
                : value.getType().name().toLowerCase(Locale.ROOT);
        throw ModelFormatException.at(model, ModelFormatException.NO_OFFSET, NOT_FLOAT, siteName, tensorName, type);
    }

    /** Whether ONNX Runtime's {@code getFloatBuffer} gives the tensor's values: float32, float16, bfloat16. */
    private static boolean isFloat(OnnxTensor tensor) {
        return SessionInputs.elementType(tensor.getInfo().type).isFloat();
    }

    /** The feed as ONNX Runtime's tensor of the type {@code input} wants: floats rounded to a 16-bit input. */
    private OnnxTensor tensor(String input, FeedTensor feed) throws OrtException {
        if (feed instanceof FeedTensor.Int64 ints) {
            return OnnxTensor.createTensor(environment, LongBuffer.wrap(ints.data()), ints.shape());
        }
        FeedTensor.Float32 floats = (FeedTensor.Float32) feed;
        FloatBuffer values = FloatBuffer.wrap(floats.data());
        return switch (inputs.type(input)) {
            case FLOAT16 -> OnnxTensor.createTensor(environment, Fp16Conversions.convertFloatBufferToFp16Buffer(values),
                    floats.shape(), OnnxJavaType.FLOAT16);
            case BFLOAT16 -> OnnxTensor.createTensor(environment,
                    Fp16Conversions.convertFloatBufferToBf16Buffer(values), floats.shape(), OnnxJavaType.BFLOAT16);
            default -> OnnxTensor.createTensor(environment, values, floats.shape());
        };
    }

    @Override
    public void close() throws ModelFormatException {
        try {
            session.close();
        } catch (OrtException e) {
            throw ModelFormatException.at(model, ModelFormatException.NO_OFFSET, "closing the session failed: %s",
                    OnnxModelFile.oneLine(e.getMessage()));
        }
    }

    /** The model file, as messages name it. */
    public Path model() {
        return model;
    }
}
