package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.shards.ShardedTensors;
import org.jaynes.formats.zip.ZipHead;

/**
 * Reads PyTorch checkpoints written by {@code torch.save}, without Python and without running anything
 * in them.
 * <pre>{@code
 * Model model = new PytorchReader().read(Path.of("pytorch_model.bin"));   // a file, an index or a folder
 * }</pre>
 *
 * <p>A file is a zip-format checkpoint ({@code .bin}, {@code .pt}, {@code .pth}; see
 * {@link TorchCheckpoint}) or a legacy one, as torch before 1.6 wrote them ({@link LegacyCheckpoint}), whose
 * pickle is read by a virtual machine with an allow-list of globals
 * ({@link Unpickler}, {@link TorchGlobal}): a pickle naming anything else, such as {@code os.system},
 * is refused before anything in it is used. A tensor's {@link Tensor#storedName()} is its state-dict key
 * (nested dicts joined with {@code '.'}), its {@link Tensor#name()} the key without a trailing
 * {@code .weight}, and its bytes stay in the file.
 *
 * <p>A sharded checkpoint is read through its {@code pytorch_model.bin.index.json}, named directly or
 * as the folder holding it: every tensor of every shard the index names, shards by file name, each read
 * once. A folder without an index is read as its {@code pytorch_model.bin}, or else its one
 * {@code .bin}/{@code .pt}/{@code .pth} file. Every problem with the input is a
 * {@link ModelFormatException} naming the file and the byte or entry. Stateless and thread-safe.
 *
 * @see <a href="https://pytorch.org/docs/stable/notes/serialization.html">torch serialization notes</a>
 */
public final class PytorchReader implements ModelReader {

    /** The file name transformers gives a sharded checkpoint's index. */
    static final String INDEX_FILE = "pytorch_model.bin.index.json";

    static final String NO_MODEL = "no " + INDEX_FILE + ", pytorch_model.bin or single .bin/.pt/.pth file in this folder";
    static final String SEVERAL_FILES = "this folder holds %d PyTorch files (%s, %s, ...) and no index; name the one to analyse";

    private static final String DEFAULT_FILE = "pytorch_model.bin";
    private static final List<String> EXTENSIONS = List.of(".bin", ".pt", ".pth");

    @Override
    public ModelFormat format() {
        return ModelFormat.PYTORCH;
    }

    /**
     * True for a zip whose first entry is {@code <archive>/data.pkl} (torch writes it first), a zip named
     * {@code .pt}, {@code .pth} or {@code .bin}, a legacy {@code torch.save} file (its pickled magic
     * number), {@code .pt}/{@code .pth} files whatever they hold, and index files
     * ({@code *.bin.index.json}).
     */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        String name = ModelReader.lowerCaseName(file);
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".bin.index.json")) {
            return true;
        }
        ByteBuffer bytes = head.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (LegacyCheckpoint.startsWithMagic(bytes)) {
            return true;
        }
        if (!ZipHead.opensWithLocalHeader(bytes)) {
            return false;
        }
        String entry = ZipHead.firstEntryName(bytes)
                .orElseGet(() -> firstEntryName(file, ZipHead.firstNameLength(bytes)));
        boolean torch = entry != null && entry.endsWith("/data.pkl")
                && entry.indexOf('/') == entry.length() - "/data.pkl".length();
        return torch || name.endsWith(".bin");
    }

    /** The {@code length}-byte name in a zip's first local header, read from the file; null if unreadable. */
    private static String firstEntryName(Path file, int length) {
        byte[] name = new byte[length];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer read = ByteBuffer.wrap(name);
            while (read.hasRemaining() && channel.read(read, ZipHead.LOCAL_BYTES + read.position()) > 0) {
                // read until the name is complete or the file ends
            }
            if (read.hasRemaining()) {
                return null;
            }
        } catch (IOException | SecurityException unreadable) {
            return null; // the extension alone has to do
        }
        return new String(name, StandardCharsets.UTF_8);
    }

    /**
     * A folder with {@code pytorch_model.bin.index.json}, {@code pytorch_model.bin} or a .pt/.pth file. Other
     * .bin files do not count: TF.js shards and many other formats use that extension too.
     */
    @Override
    public boolean readsFolder(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve(INDEX_FILE))
                || Files.isRegularFile(folder.resolve(DEFAULT_FILE))) {
            return true;
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .anyMatch(n -> n.endsWith(".pt") || n.endsWith(".pth"));
        }
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        return new Model(path.toString(), ModelFormat.PYTORCH,
                ShardedTensors.at(path, INDEX_FILE, TorchCheckpoint::read, PytorchReader::readFolder));
    }

    /** A folder without an index: its pytorch_model.bin, or else its one .bin, .pt or .pth file. */
    private static List<Tensor> readFolder(Path folder) throws IOException, ModelFormatException {
        Path single = folder.resolve(DEFAULT_FILE);
        if (Files.isRegularFile(single)) {
            return TorchCheckpoint.read(single);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> EXTENSIONS.stream().anyMatch(f.getFileName().toString()::endsWith))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw ModelFormatException.at(folder, ModelFormatException.NO_OFFSET, NO_MODEL);
        }
        if (files.size() > 1) {
            throw ModelFormatException.at(folder, ModelFormatException.NO_OFFSET, SEVERAL_FILES, files.size(),
                    files.get(0).getFileName(), files.get(1).getFileName());
        }
        return TorchCheckpoint.read(files.get(0));
    }
}
