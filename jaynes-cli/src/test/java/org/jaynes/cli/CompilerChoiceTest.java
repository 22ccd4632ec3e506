package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler the launcher chooses ({@code compiler_for} in {@code tools/heap-options.sh}, sourced by
 * {@code ./jaynes}): C1 alone for analyze, compare, inspect and survey of models under 512 MiB on one or
 * two processors, both compilers otherwise. The model files are sparse: their sizes cost no disk.
 */
class CompilerChoiceTest {

    private static final Path OPTIONS = Path.of("../tools/heap-options.sh").toAbsolutePath();
    private static final String C1 = "-XX:TieredStopAtLevel=1";
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void theBundledModelAndSmallModelsAreAnalysedWithC1Alone() throws Exception {
        Path small = sized("small.safetensors", 200 * MIB);
        assertEquals(C1, choice(2, "analyze"));
        assertEquals(C1, choice(2, "analyze", small.toString(), "--json", dir.resolve("out.json").toString()));
        assertEquals(C1, choice(2, "compare", small.toString(), small.toString()));
        assertEquals(C1, choice(1, "inspect", small.toString()));
    }

    @Test
    void modelsOf512MibOrMoreKeepBothCompilers() throws Exception {
        Path large = sized("large.safetensors", 512 * MIB);
        assertEquals("", choice(2, "analyze", large.toString()));
        assertEquals("", choice(2, "compare", sized("a.gguf", 256 * MIB).toString(),
                sized("b.gguf", 256 * MIB).toString()));
    }

    /**
     * A folder counts the files in it, an index or manifest the shards beside it, an ONNX graph its external
     * data beside it, and a link the file it names (a hub's cache links to its blobs).
     */
    @Test
    void foldersIndexesAndLinksCountWhatTheyName() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("sharded"));
        Files.createDirectory(dir.resolve("tfjs"));
        sized("sharded/model-00001-of-00002.safetensors", 300 * MIB);
        sized("sharded/model-00002-of-00002.safetensors", 300 * MIB);
        Path index = sized("sharded/model.safetensors.index.json", 1024);
        assertEquals("", choice(2, "analyze", folder.toString()));
        assertEquals("", choice(2, "analyze", index.toString()));
        Path blob = sized("blob", 600 * MIB);
        Path link = Files.createSymbolicLink(dir.resolve("linked.safetensors"), blob);
        assertEquals("", choice(2, "analyze", link.toString()));
        Files.createDirectory(dir.resolve("onnx"));
        Path graph = sized("onnx/model.onnx", 64 * 1024);
        sized("onnx/model.onnx.data", 600 * MIB);
        assertEquals("", choice(2, "analyze", graph.toString()));
        Path manifest = sized("tfjs/model.json", 1024);
        sized("tfjs/group1-shard1of1.bin", 4 * MIB);
        assertEquals(C1, choice(2, "analyze", manifest.toString()));
    }

    /**
     * A survey of files and folders under 512 MiB in all runs with C1 alone; one whose models the launcher
     * cannot count (a pattern the survey expands, an @list, a --checkpoints folder) keeps both compilers.
     * The manifests of one folder count its files once.
     */
    @Test
    void surveysOfFewBytesRunWithC1AloneWhenTheirInputsCanBeCounted() throws Exception {
        Path small = sized("small.onnx", MIB);
        String out = dir.resolve("s").toString();
        assertEquals(C1, choice(2, "survey", small.toString(), "--out", out));
        String large = sized("large.gguf", 512 * MIB).toString();
        assertEquals("", choice(2, "survey", small.toString(), large, "--out", out));
        assertEquals("", choice(2, "survey", dir.resolve("*.onnx").toString(), "--out", out));
        assertEquals("", choice(2, "survey", "@" + sized("models.txt", 100), "--out", out));
        assertEquals("", choice(2, "survey", "--checkpoints", dir.toString(), "--out", out));
        assertEquals("", choice(2, "survey", "--checkpoints=" + dir, "--out", out));
        Path zoo = Files.createDirectory(dir.resolve("zoo"));
        List<String> manifests = new ArrayList<>(List.of("survey"));
        for (int m = 0; m < 5; m++) {
            manifests.add(sized("zoo/model" + m + ".json", 1024).toString());
            sized("zoo/model" + m + ".bin", 60 * MIB);
        }
        assertEquals(C1, choice(2, manifests.toArray(String[]::new)), "5 x 60 MiB, not 5 x 300");
        assertEquals("", choice(4, "survey", small.toString(), "--out", out));
        assertEquals(C1, choice(2, "survey", zoo.toString()));
    }

    @Test
    void otherCommandsAndLargerMachinesKeepBothCompilers() throws Exception {
        Path small = sized("small.onnx", MIB);
        assertEquals("", choice(2, "train", "--epochs", "1"));
        assertEquals("", choice(2, "--version"));
        assertEquals("", choice(4, "analyze", small.toString()));
    }

    private Path sized(String name, long bytes) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(bytes);
        }
        return file;
    }

    /** The compiler options compiler_for sets for {@code args} on a machine of {@code processors}. */
    private static String choice(int processors, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                ". \"$0\"; processors=" + processors + "; compiler_for \"$@\"; printf '%s' \"${compiler[*]}\"",
                OPTIONS.toString()));
        command.addAll(List.of(args));
        Process bash = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!bash.waitFor(30, TimeUnit.SECONDS) || bash.exitValue() != 0) {
            throw new AssertionError("compiler_for " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
