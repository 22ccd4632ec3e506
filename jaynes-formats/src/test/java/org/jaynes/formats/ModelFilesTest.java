package org.jaynes.formats;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which files jaynes opens: files the user names must be regular files (links to them allowed), and files
 * a model refers to must resolve, links followed, inside the real folder of the file that refers to them.
 */
class ModelFilesTest {

    private static final Supplier<String> OUTSIDE = () -> "shard \"x\" is not a file in the model's folder";
    private static final Function<Path, String> MISSING = file -> "shard " + file + " not found";

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    /** Makes a FIFO with mkfifo, or skips the test when the system has none. */
    static Path fifo(Path file) throws Exception {
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

    private Path referenced(Path referrer, String reference) throws Exception {
        return ModelFiles.referenced(referrer, 7, reference, OUTSIDE, MISSING);
    }

    @Test
    void aFifoNamedAsTheModelIsRefusedBeforeItIsOpened() throws Exception {
        Path fifo = fifo(dir.resolve("model.safetensors"));
        ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(fifo)));
        assertEquals(fifo + ": not a regular file (a FIFO); jaynes reads models only from regular files",
                e.getMessage());
    }

    @Test
    void aLinkToAFifoIsRefusedToo() throws Exception {
        Path fifo = fifo(elsewhere.resolve("pipe"));
        Path link = Files.createSymbolicLink(dir.resolve("model.onnx"), fifo);
        ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(link)));
        assertEquals(link + ": not a regular file (a FIFO); jaynes reads models only from regular files",
                e.getMessage());
    }

    @Test
    void aDeviceIsRefused() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device), "no /dev/null here");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(device));
        assertEquals("/dev/null: not a regular file (a character device); jaynes reads models only from regular files",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/proc/self/mem", "/proc/self/status", "/sys/kernel/mm/transparent_hugepage/enabled"})
    void kernelFilesAreRefused(String name) {
        Path file = Path.of(name);
        assumeTrue(Files.isRegularFile(file), name + " is not on this system");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelOpener.standard().open(file));
        assertTrue(e.getMessage().startsWith(name + ": not a regular file (a file of the kernel's /"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("none.gguf");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.checkNamed(missing));
        assertEquals(missing + ": no such file or folder", e.getMessage());
    }

    @Test
    void aFileWhoseExistenceCannotBeToldIsNotCalledMissing() throws Exception {
        // Files.exists says false both for a missing file and for one it cannot stat; only the first is missing
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> ModelFiles.checkNamed(notAFolder.resolve("m.gguf")));
        assertEquals(notAFolder.resolve("m.gguf") + ": Not a directory", e.getMessage());
    }

    @Test
    void namedLinksToRegularFilesAndFoldersAreAccepted() throws Exception {
        Path file = Files.writeString(elsewhere.resolve("model.bin"), "x");
        assertDoesNotThrow(() -> ModelFiles.checkNamed(Files.createSymbolicLink(dir.resolve("l1"), file)));
        assertDoesNotThrow(() -> ModelFiles.checkNamed(Files.createSymbolicLink(dir.resolve("l2"), elsewhere)));
    }

    @Test
    void aReferenceInsideTheFolderResolvesThere() throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/w.bin"), "w");
        assertEquals(dir.resolve("sub/w.bin"), referenced(model, "sub/w.bin"));
        assertEquals(dir.resolve("sub/w.bin"), referenced(model, "./sub//w.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "./", "../w.bin", "sub/../../w.bin", "sub/../w.bin", "/etc/hostname",
        "C:\\w.bin", "sub\\w.bin", "file:///etc/hostname", "https://host/w.bin", "w\u0000.bin"})
    void aReferenceLeavingTheFolderByItsTextIsRefused(String reference) throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> referenced(model, reference));
        assertEquals(model + ": at byte 7: " + OUTSIDE.get(), e.getMessage());
    }

    @Test
    void aLinkToAFileOutsideIsRefusedNamingTheLinkAndWhereItLeads() throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        Path planted = Files.writeString(elsewhere.resolve("planted.bin"), "p");
        Path link = Files.createSymbolicLink(dir.resolve("w.bin"), planted);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> referenced(model, "w.bin"));
        assertEquals(model + ": at byte 7: " + OUTSIDE.get() + ": " + link + " leads to " + planted.toRealPath()
                + ", outside " + dir.toRealPath(), e.getMessage());
    }

    @Test
    void aLinkedFolderOutsideIsRefused() throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        Files.writeString(elsewhere.resolve("w.bin"), "p");
        Files.createSymbolicLink(dir.resolve("sub"), elsewhere);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> referenced(model, "sub/w.bin"));
        assertEquals(model + ": at byte 7: " + OUTSIDE.get() + ": " + dir.resolve("sub/w.bin") + " leads to "
                + elsewhere.toRealPath().resolve("w.bin") + ", outside " + dir.toRealPath(), e.getMessage());
    }

    @Test
    void aRelativeLinkClimbingOutIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Path model = Files.writeString(folder.resolve("model.json"), "m");
        Files.writeString(dir.resolve("secret.bin"), "s");
        Files.createSymbolicLink(folder.resolve("shard.bin"), Path.of("../secret.bin"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> referenced(model, "shard.bin"));
        assertTrue(e.reason().endsWith(" leads to " + dir.toRealPath().resolve("secret.bin") + ", outside "
                + folder.toRealPath()), e.reason());
    }

    @Test
    void linksInsideTheFolderAreFollowed() throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/w.bin"), "w");
        Files.createSymbolicLink(dir.resolve("w.bin"), Path.of("data/w.bin"));
        assertEquals(dir.resolve("w.bin"), referenced(model, "w.bin"));
    }

    /**
     * The Hugging Face cache: a snapshot folder of relative links into ../../blobs/. The model file named
     * through the snapshot and the file it refers to both resolve into blobs/, so the reference is inside.
     */
    @Test
    void aHuggingFaceSnapshotOfLinksIntoBlobsIsInside() throws Exception {
        Path blobs = Files.createDirectories(dir.resolve("models--org--m/blobs"));
        Path snapshot = Files.createDirectories(dir.resolve("models--org--m/snapshots/0123abcd"));
        Files.writeString(blobs.resolve("aa11"), "model");
        Files.writeString(blobs.resolve("bb22"), "data");
        Path model = Files.createSymbolicLink(snapshot.resolve("model.onnx"), Path.of("../../blobs/aa11"));
        Files.createSymbolicLink(snapshot.resolve("model.onnx_data"), Path.of("../../blobs/bb22"));
        assertEquals(snapshot.resolve("model.onnx_data"), referenced(model, "model.onnx_data"));
        assertDoesNotThrow(() -> ModelFiles.checkNamed(model));
    }

    @Test
    void aReferenceThatIsNoRegularFileIsMissing() throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        Files.createDirectories(dir.resolve("folder.bin"));
        Files.createSymbolicLink(dir.resolve("dangling.bin"), dir.resolve("nothing"));
        Files.createSymbolicLink(dir.resolve("loop.bin"), Path.of("loop.bin"));
        for (String name : new String[] {"absent.bin", "folder.bin", "dangling.bin"}) {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> referenced(model, name));
            assertEquals(MISSING.apply(dir.resolve(name)), e.reason());
        }
        ModelFormatException loop = assertThrows(ModelFormatException.class, () -> referenced(model, "loop.bin"));
        assertTrue(loop.reason().startsWith(MISSING.apply(dir.resolve("loop.bin")) + " ("), loop.reason());
    }

    @Test
    void aFifoReferencedInsideTheFolderIsNotOpened() throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "m");
        fifo(dir.resolve("w.bin"));
        ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ModelFormatException.class, () -> referenced(model, "w.bin")));
        assertEquals(MISSING.apply(dir.resolve("w.bin")), e.reason());
    }

    /** {@code inspect ../seed/model.json}: a referring path with {@code ..} in it resolves its references. */
    @Test
    void aReferrerNamedThroughDotDotResolvesItsReferences() throws Exception {
        Path seed = Files.createDirectories(dir.resolve("seed"));
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(seed.resolve("model.json"), "m");
        Files.writeString(seed.resolve("shard.bin"), "s");
        Path dotted = dir.resolve("work/../seed/model.json");
        assertEquals(seed.resolve("shard.bin"), referenced(dotted, "shard.bin"));
        Path relative = Path.of("").toAbsolutePath().relativize(seed.resolve("model.json"));
        assertTrue(relative.startsWith(".."), relative.toString());
        assertEquals(seed.resolve("shard.bin").toRealPath(), referenced(relative, "shard.bin").toRealPath());
    }
}
