package org.jaynes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.WritableTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Models from strangers (issue 16): links out of the model's folder, FIFOs and kernel files, hostile names,
 * and a command that runs out of heap or stack. Each is exit code 2 (1 for exhaustion) with exactly one
 * line on stderr and nothing on stdout, never a stack trace; the Hugging Face cache layout still reads.
 * Every input is generated here, in a temporary folder.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    /** Asserts the contract for bad input: the exit code, nothing on stdout, one line on stderr; returns it. */
    private static String oneLine(CliRun run, int exitCode) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(run.err().chars().anyMatch(c -> c < 0x20 && c != '\n'), "a control character in " + run.err());
        return run.err().strip();
    }

    private static Path fifo(Path file) throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo on this system (" + e.getMessage() + "): FIFO test skipped");
            throw e;
        }
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(file), "mkfifo failed: FIFO test skipped");
        return file;
    }

    // ---- Non-regular files ----

    @ParameterizedTest
    @ValueSource(strings = {"inspect FIFO", "analyze FIFO", "activations FIFO", "compare FIFO bundled"})
    void aFifoGivenAsTheModelIsRefusedAndDoesNotHang(String command) throws Exception {
        Path fifo = fifo(dir.resolve("model.safetensors"));
        String[] args = command.replace("FIFO", fifo.toString()).split(" ");
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of(args));
        assertEquals("jaynes: " + fifo + ": not a regular file (a FIFO); jaynes reads models only from regular files",
                oneLine(run, 2));
    }

    @Test
    void aDeviceIsRefused() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of("analyze", "/dev/zero"));
        assertEquals("jaynes: /dev/zero: not a regular file (a character device); jaynes reads models only from "
                + "regular files", oneLine(run, 2));
    }

    @Test
    void procSelfMemIsRefusedNamingIt() {
        assumeTrue(Files.isRegularFile(Path.of("/proc/self/mem")), "no /proc here");
        CliRun run = CliRun.of("inspect", "/proc/self/mem");
        assertTrue(oneLine(run, 2).startsWith("jaynes: /proc/self/mem: not a regular file (a file of the kernel's "
                + "/proc file system)"), run.err());
    }

    /** A model.safetensors that is a link to a text file: a format error that does not echo the file. */
    @Test
    void aSafetensorsLinkToAnotherFileIsAFormatErrorThatEchoesNothing() throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path link = Files.createSymbolicLink(dir.resolve("model.safetensors"), secret);
        CliRun run = CliRun.of("analyze", link.toString());
        assertEquals("jaynes: " + link + ": at byte 0: not a safetensors file: it does not open with an 8-byte header "
                + "length that fits its 32 bytes and then '{'", oneLine(run, 2));
    }

    // ---- Links: the Hugging Face cache, and links out of the folder ----

    private static byte[] floats(int count, float first) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            bytes.putFloat(first + 0.25f * i);
        }
        return bytes.array();
    }

    /**
     * A sharded safetensors model laid out as the Hugging Face cache lays out a download: blobs/ holding the
     * files under hash names, snapshots/REV/ holding relative links to them ({@code ../../blobs/...}).
     *
     * @return the snapshot folder
     */
    private Path huggingFaceSnapshot() throws Exception {
        Path repo = dir.resolve("hub/models--someone--tiny");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snapshot = Files.createDirectories(repo.resolve("snapshots/0f1e2d3c"));
        String[] shards = {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"};
        for (int i = 0; i < shards.length; i++) {
            Path blob = blobs.resolve(String.format("%064x", 0xa11ceL + i));
            SafetensorsWriter.write(blob, List.of(WritableTensor.of("layers." + i + ".weight", DType.F32,
                    Shape.of(8, 8), HeapBytes.of(floats(64, i + 0.5f)))));
            Files.createSymbolicLink(snapshot.resolve(shards[i]), Path.of("../../blobs/" + blob.getFileName()));
        }
        Path index = Files.writeString(blobs.resolve(String.format("%064x", 0x1de8L)),
                "{\"metadata\": {}, \"weight_map\": {\"layers.0.weight\": \"" + shards[0]
                        + "\", \"layers.1.weight\": \"" + shards[1] + "\"}}");
        Files.createSymbolicLink(snapshot.resolve("model.safetensors.index.json"),
                Path.of("../../blobs/" + index.getFileName()));
        return snapshot;
    }

    @Test
    void aHuggingFaceCacheSnapshotOfLinksIntoBlobsReads() throws Exception {
        Path snapshot = huggingFaceSnapshot();
        CliRun folder = CliRun.of("inspect", snapshot.toString());
        assertEquals(0, folder.exitCode(), folder.err());
        assertEquals("", folder.err());
        assertTrue(folder.out().contains("layers.1.weight"), folder.out());
        CliRun index = CliRun.of("analyze", snapshot.resolve("model.safetensors.index.json").toString(),
                "--min-elements", "64", "--json", "-", "--quiet");
        assertEquals(0, index.exitCode(), index.err());
        assertTrue(index.out().contains("\"layers.0\""), index.out());
    }

    @Test
    void aShardLinkedOutOfTheSnapshotIsRefusedNamingTheLinkAndWhereItLeads() throws Exception {
        Path snapshot = huggingFaceSnapshot();
        Path planted = elsewhere.resolve("planted.safetensors");
        SafetensorsWriter.write(planted, List.of(WritableTensor.of("layers.1.weight", DType.F32, Shape.of(8, 8),
                HeapBytes.of(floats(64, 42f)))));
        Path link = snapshot.resolve("model-00002-of-00002.safetensors");
        Files.delete(link);
        Files.createSymbolicLink(link, planted);
        CliRun run = CliRun.of("analyze", snapshot.toString(), "--min-elements", "64", "--quiet");
        String line = oneLine(run, 2);
        assertTrue(line.startsWith("jaynes: " + snapshot.resolve("model.safetensors.index.json") + ": at byte "), line);
        assertTrue(line.endsWith("weight_map maps tensor layers.1.weight to model-00002-of-00002.safetensors, which "
                + "is not a file in the index's folder: " + link + " leads to " + planted.toRealPath() + ", outside "
                + dir.resolve("hub/models--someone--tiny/blobs").toRealPath()), line);
    }

    /** {@code inspect ../seed/model.json}: a TF.js model named through {@code ..} reads. */
    @Test
    void aTfjsModelNamedThroughDotDotReads() throws Exception {
        Path seed = Files.createDirectories(dir.resolve("seed"));
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(seed.resolve("model.json"), "{\"format\": \"graph-model\", \"weightsManifest\": [{\"paths\": "
                + "[\"group1-shard1of1.bin\"], \"weights\": [{\"name\": \"dense/kernel\", \"shape\": [4, 4], "
                + "\"dtype\": \"float32\"}]}]}");
        Files.write(seed.resolve("group1-shard1of1.bin"), floats(16, 1f));
        for (Path path : List.of(dir.resolve("work/../seed/model.json"),
                Path.of("").toAbsolutePath().relativize(seed.resolve("model.json")))) {
            CliRun run = CliRun.of("inspect", path.toString());
            assertEquals(0, run.exitCode(), path + ": " + run.err());
            assertTrue(run.out().contains("dense/kernel"), run.out());
        }
    }

    // ---- Hostile names ----

    @Test
    void aTensorNameWithANewlineAndAnAnsiEscapeStaysOnOneEscapedLine() throws Exception {
        String header = "{\"evil\\n\\u001b[31mred\\r\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("names.safetensors"), ByteBuffer.allocate(8 + json.length + 8)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array());
        for (String command : List.of("inspect", "analyze")) {
            String line = oneLine(CliRun.of(command, file.toString()), 2);
            assertTrue(line.endsWith(": tensor evil\\n\\x1b[31mred\\r: f32 [2] needs 8 bytes, but data_offsets [0, 4] "
                    + "hold 4"), line);
        }
    }

    /** An ONNX initializer whose name is 1 MB long: the one line shows 120 characters and the full length. */
    @Test
    void aMegabyteTensorNameIsCut() throws Exception {
        String name = "n".repeat(1 << 20);
        byte[] location = concat(field(1, "location".getBytes(StandardCharsets.US_ASCII)),
                field(2, "missing.bin".getBytes(StandardCharsets.US_ASCII)));
        byte[] tensor = concat(new byte[] {0x08, 2, 0x10, 1}, field(8, name.getBytes(StandardCharsets.US_ASCII)),
                field(13, location), new byte[] {0x70, 1});
        byte[] model = concat(new byte[] {0x08, 8}, field(7, concat(field(2, new byte[] {'g'}), field(5, tensor))));
        Path file = Files.write(dir.resolve("long.onnx"), model);
        String line = oneLine(CliRun.of("inspect", file.toString()), 2);
        assertTrue(line.endsWith(" of tensor " + "n".repeat(120) + "... (1048576 characters) not found"), line);
        assertTrue(line.length() < 400, "a line of " + line.length() + " characters");
    }

    /** A protobuf length-delimited field. */
    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number << 3 | 2);
        for (long length = value.length; ; length >>>= 7) {
            if (length < 0x80) {
                out.write((int) length);
                break;
            }
            out.write((int) (length & 0x7f) | 0x80);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // ---- Out of heap, out of stack ----

    /** A command registered only here, which runs out of heap or stack the way a reader could. */
    @Command(name = "exhaust")
    static final class Exhaust implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "MODEL")
        Path model;

        @Option(names = "--stack")
        boolean stack;

        @Option(names = "--worker")
        boolean worker;

        @Override
        public Integer call() throws Exception {
            if (worker) {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try {
                    return pool.submit(this::exhaust).get(); // the failure comes back wrapped
                } finally {
                    pool.shutdownNow();
                }
            }
            return exhaust();
        }

        private Integer exhaust() {
            if (stack) {
                return depth(0);
            }
            long[] huge = new long[Integer.MAX_VALUE - 16];
            return huge.length;
        }

        private static int depth(int level) {
            return depth(level + 1) + 1;
        }
    }

    private static CliRun exhaust(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).addSubcommand(new Exhaust());
        int code = Main.run(cli, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void runningOutOfHeapIsOneLineNamingTheFileAndTheHeap() {
        long heap = Math.round(Runtime.getRuntime().maxMemory() / 1048576.0);
        String line = oneLine(exhaust("exhaust", "models/bomb.pt"), 1);
        assertEquals("jaynes: out of memory reading models/bomb.pt; the heap is " + heap + " MB; JAYNES_JAVA_OPTS=\"-Xmx"
                + 2 * heap + "m -Xss4m\" raises it", line);
    }

    @Test
    void runningOutOfHeapInAWorkerThreadIsOneLineToo() {
        String line = oneLine(exhaust("exhaust", "--worker", "bomb.pt"), 1);
        assertTrue(line.startsWith("jaynes: out of memory reading bomb.pt; the heap is "), line);
    }

    @Test
    void runningOutOfStackIsOneLine() {
        long heap = Math.round(Runtime.getRuntime().maxMemory() / 1048576.0);
        String line = oneLine(exhaust("exhaust", "--stack", "deep.onnx"), 1);
        assertEquals("jaynes: stack overflow reading deep.onnx: it nests too deeply; JAYNES_JAVA_OPTS=\"-Xmx" + heap
                + "m -Xss16m\" raises the stack", line);
        assertTrue(oneLine(exhaust("exhaust", "--stack", "--worker"), 1)
                .startsWith("jaynes: stack overflow running 'jaynes exhaust': "));
    }
}
