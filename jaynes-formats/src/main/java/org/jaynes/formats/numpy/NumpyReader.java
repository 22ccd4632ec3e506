package org.jaynes.formats.numpy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.naming.Roles;
import org.jaynes.formats.zip.InflatedEntry;
import org.jaynes.formats.zip.ZipDirectory;
import org.jaynes.formats.zip.ZipMember;

/**
 * Reads NumPy's {@code .npy} arrays and {@code .npz} archives of them.
 * <pre>{@code
 * Model model = new NumpyReader().read(Path.of("weights.npz"));
 * }</pre>
 *
 * <p>A {@code .npy} file is one tensor, named after the file ({@code w1.npy} is {@code w1}). An
 * {@code .npz} (what {@code np.savez} and {@code np.savez_compressed} write) is a zip archive with one
 * {@code .npy} per array; each entry is a tensor named after the entry without {@code .npy}
 * ({@code layer1/weight.npy} is {@code layer1/weight}), in archive order. Entries not ending in
 * {@code .npy} are not arrays (numpy hands them out as raw bytes) and are left out. Headers are parsed
 * by a strict parser, never evaluated (see {@link NpyHeaderParser}); object arrays, which are pickles,
 * are refused.
 *
 * <p>Values: dtypes {@code f8 f4 f2 i8 i4 i2 i1 u2 u1 b1}. Little-endian and single-byte data stays in
 * the file as a {@link FileRegion} (for an entry stored in the zip, the region of the entry's data);
 * big-endian data is converted window by window ({@link ByteSwapDecoder}). Deflated entries are
 * inflated on demand ({@link InflatedEntry}), after one checking pass over each when the archive is
 * opened. A Fortran-order array keeps its declared shape, and its values come in column-major order:
 * a permutation of the values, which changes no statistic of the population, but element {@code i} is
 * not the row-major element {@code i}.
 *
 * <p>Every problem with the input is a {@link ModelFormatException} naming the file, the byte and for
 * an archive the entry. Stateless and thread-safe.
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">the .npy format</a>
 */
public final class NumpyReader implements ModelReader {

    static final String NOT_NUMPY = "not a .npy array or .npz archive: it starts with %s";

    private static final String NPY = ".npy";

    @Override
    public ModelFormat format() {
        return ModelFormat.NUMPY;
    }

    /** True for the .npy magic, and for a zip archive whose name ends in {@code .npz}. */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        ByteBuffer bytes = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (NpyHeader.hasMagic(bytes)) {
            return true;
        }
        boolean npzName = ModelReader.lowerCaseName(file).endsWith(".npz");
        return isZip(bytes) && (npzName || firstEntryIsNpy(bytes));
    }

    /** Whether a zip's first local header (in the head) names a .npy entry, as numpy's savez writes. */
    private static boolean firstEntryIsNpy(ByteBuffer head) {
        final int localHeader = 30;
        if (head.remaining() < localHeader) {
            return false;
        }
        int length = head.getShort(26) & 0xFFFF;
        if (length < 4 || localHeader + length > head.remaining()) {
            return false;
        }
        byte[] entry = new byte[length];
        head.get(localHeader, entry);
        return new String(entry, java.nio.charset.StandardCharsets.UTF_8).endsWith(".npy");
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        List<Tensor> tensors;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
                // read the first bytes, or all the file has
            }
            head.flip();
            if (NpyHeader.hasMagic(head)) {
                tensors = List.of(npyFile(path, channel));
            } else if (isZip(head)) {
                tensors = npz(path, channel);
            } else {
                byte[] start = new byte[head.remaining()];
                head.get(start);
                throw ModelFormatException.at(path, 0, NOT_NUMPY, NpyHeader.printable(start));
            }
        }
        return new Model(path.toString(), ModelFormat.NUMPY, tensors);
    }

    private static boolean isZip(ByteBuffer head) {
        int at = head.position();
        if (head.remaining() < 4 || head.get(at) != 'P' || head.get(at + 1) != 'K') {
            return false;
        }
        int kind = head.getShort(at + 2);
        return kind == 0x0403 || kind == 0x0605; // a local header, or the end record of an empty archive
    }

    private static Tensor npyFile(Path file, FileChannel channel) throws IOException, ModelFormatException {
        long size = channel.size();
        NpyHeader header = NpyHeader.parse(readPrefix(channel, 0, size), size, NpyLocation.plain(file));
        Path fileName = file.getFileName();
        String stored = fileName == null ? file.toString() : fileName.toString();
        ByteSource data = new FileRegion(file, header.dataOffset(), header.dataBytes());
        return tensor(stored, strip(stored), header, data);
    }

    private static List<Tensor> npz(Path file, FileChannel channel) throws IOException, ModelFormatException {
        List<Tensor> tensors = new ArrayList<>();
        for (ZipMember member : ZipDirectory.read(file, channel).entries()) {
            if (!member.name().endsWith(NPY)) {
                continue;
            }
            member.requireReadable(file);
            tensors.add(member.method() == ZipMember.STORED ? stored(file, channel, member) : deflated(file, member));
        }
        return tensors;
    }

    private static Tensor stored(Path file, FileChannel channel, ZipMember member)
            throws IOException, ModelFormatException {
        NpyLocation where = new NpyLocation(file, member.name(), member.dataAt(), false);
        NpyHeader header = NpyHeader.parse(readPrefix(channel, member.dataAt(), member.size()), member.size(), where);
        ByteSource data = new FileRegion(file, member.dataAt() + header.dataOffset(), header.dataBytes());
        return tensor(member.name(), strip(member.name()), header, data);
    }

    private static Tensor deflated(Path file, ZipMember member) throws IOException, ModelFormatException {
        InflatedEntry entry = new InflatedEntry(file, member);
        entry.verify();
        NpyLocation where = new NpyLocation(file, member.name(), member.localHeaderAt(), true);
        NpyHeader header = NpyHeader.parse(entry.head(NpyHeader.MAX_PREFIX), member.size(), where);
        ByteSource data = new DecodedBytes(header.dataBytes(), List.of(file), entry.decoder(header.dataOffset()));
        return tensor(member.name(), strip(member.name()), header, data);
    }

    private static Tensor tensor(String stored, String name, NpyHeader header, ByteSource data) {
        ByteSource values = header.descr().bigEndian()
                ? ByteSwapDecoder.source(data, header.descr().dtype().byteSize())
                : data;
        return new Tensor(stored, name, Roles.of(name, header.shape()), header.shape(), header.descr().dtype(), values);
    }

    private static String strip(String name) {
        return name.endsWith(NPY) ? name.substring(0, name.length() - NPY.length()) : name;
    }

    /** The first bytes of an array at {@code offset}: all {@code available}, or {@link NpyHeader#MAX_PREFIX}. */
    private static byte[] readPrefix(FileChannel channel, long offset, long available) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(available, NpyHeader.MAX_PREFIX));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("the file shrank while it was read");
            }
        }
        return buffer.array();
    }
}
