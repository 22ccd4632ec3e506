package org.jaynes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.Json;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jaynes inspect MODEL}: the tensors of a model, as stored, without reading their values. */
@Command(name = "inspect",
        header = "List the tensors of a model",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists every tensor of a model: the name stored in the file, the layer name jaynes gives it, its "
                + "role, shape, dtype, bytes and parameters, then the totals. Reads only the file's metadata.",
                "", "Formats: safetensors, GGUF, NumPy (.npy/.npz), TFLite, Keras (.h5/.keras), ONNX (also int8), "
                + "TF.js (model.json), PyTorch (.bin/.pt/.pth); recognised by content."},
        footer = {"", "Examples:",
                "  jaynes inspect model.gguf",
                "  jaynes inspect ~/models/llama --json tensors.json"})
final class InspectCommand implements Callable<Integer> {

    private static final String ROW = "%-52s %-44s %-17s %-20s %-5s %14s %14s%n";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model file or folder")
    private Path model;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        Optional<OutputTarget> jsonTarget = json.target();
        Model loaded = ModelOpener.standard().open(model);
        PrintWriter out = spec.commandLine().getOut();
        if (jsonTarget.isPresent()) {
            jsonTarget.get().write(out, text -> writeJson(loaded, text));
        }
        if (jsonTarget.isEmpty() || !jsonTarget.get().isStdout()) {
            printTable(loaded, out);
        }
        return Main.OK;
    }

    private static void printTable(Model model, PrintWriter out) {
        out.printf(Locale.ROOT, "model  %s (%s, %,d parameters in %d tensors, %,d bytes)%n%n", model.path(),
                model.format().label(), model.parameters(), model.tensors().size(), bytes(model.tensors()));
        out.printf(Locale.ROOT, ROW, "tensor", "layer", "role", "shape", "dtype", "bytes", "parameters");
        for (Tensor t : model.tensors()) {
            out.printf(Locale.ROOT, ROW, t.storedName(), t.name(), t.role().label(),
                    t.shape().toString().replace(" ", ""), t.dtype().label(), t.data().length(), t.elementCount());
        }
        out.printf(Locale.ROOT, ROW, "total", "", "", "", "", bytes(model.tensors()), model.parameters());
        out.flush();
    }

    private static void writeJson(Model model, Writer out) throws IOException {
        Json.object(out, json -> {
            json.writeObjectFieldStart("model");
            json.writeStringField("path", model.path());
            json.writeStringField("format", model.format().label());
            json.writeNumberField("parameters", model.parameters());
            json.writeNumberField("bytes", bytes(model.tensors()));
            json.writeEndObject();
            json.writeArrayFieldStart("tensors");
            for (Tensor t : model.tensors()) {
                json.writeStartObject();
                json.writeStringField("tensor", t.storedName());
                json.writeStringField("name", t.name());
                json.writeStringField("role", t.role().label());
                long[] dims = t.shape().dims();
                json.writeFieldName("shape");
                json.writeArray(dims, 0, dims.length);
                json.writeStringField("dtype", t.dtype().label());
                json.writeNumberField("bytes", t.data().length());
                json.writeNumberField("parameters", t.elementCount());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static long bytes(List<Tensor> tensors) {
        return tensors.stream().mapToLong(t -> t.data().length()).sum();
    }
}
