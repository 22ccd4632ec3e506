package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.zip.ZipDirectory;
import org.jaynes.formats.zip.ZipHead;
import org.jaynes.formats.zip.ZipMember;

/**
 * The tensors of one {@code torch.save} checkpoint in the zip format (torch 1.6 and later); a file that starts
 * with a pickle is a legacy checkpoint, read by {@link LegacyCheckpoint}.
 *
 * <p>The zip holds one folder, {@code <archive>/}, with {@code data.pkl} (the pickled object, usually a
 * state dict), {@code data/<key>} (one entry per storage, raw little-endian elements, stored
 * uncompressed and 64-byte aligned by torch) and {@code byteorder} ({@code little}; absent before torch
 * 1.10, meaning little). Reading costs the zip's central directory, the pickle (at most
 * {@link #MAX_PICKLE_BYTES}, inflated if compressed) and one local header per storage; each tensor's
 * bytes stay in the file as a {@link FileRegion} over its storage entry, checked to lie inside it.
 * Tied weights share a storage and so a region.
 *
 * <p>Refused, each with a one-line {@link ModelFormatException}: the tar layout of torch 0.1, zip damage,
 * entry names that escape the archive, a missing {@code data.pkl}, a big-endian checkpoint, any global outside {@link TorchGlobal}'s allow-list, storage types and dtypes jaynes does
 * not read, compressed storages (mapping in place needs stored bytes), storages or views past their
 * entry, and views that are not contiguous row-major (a view with a stride other than the row-major
 * one, such as a transpose, would need its elements gathered; {@code t.contiguous()} before saving
 * avoids it).
 */
final class TorchCheckpoint {

    static final String TAR = "a tar archive: the tar layout of torch.save from the first torch releases (0.1), "
            + "which jaynes does not read; load it with torch and save it again";
    static final String NOT_ZIP = "not a torch.save checkpoint: it starts with %s, expected a zip file (PK\\3\\4) "
            + "or a pickle (0x80)";
    static final String NO_PICKLE = "the zip file has no <archive>/data.pkl entry, so it is not a torch.save checkpoint";
    static final String SEVERAL_PICKLES = "the zip file has %d data.pkl entries (%s, %s); a checkpoint has one";
    static final String BIG_ENDIAN = "%s says \"%s\": jaynes reads checkpoints saved little-endian";
    static final String PICKLE_TOO_LARGE = "%s of %d bytes is over the limit of %d";
    static final String NO_STORAGE = "tensor %s: storage %s has no zip entry %s";
    static final String COMPRESSED_STORAGE = "tensor %s: storage entry %s is compressed (zip method %d); "
            + "jaynes maps storages in place, so it reads them stored, as torch.save writes them";
    static final String STORAGE_PAST_ENTRY = "tensor %s: storage %s (%s) claims %d bytes, its entry %s holds %d";

    /** The largest pickle read: state dicts of the largest models pickle to a few megabytes. */
    static final int MAX_PICKLE_BYTES = 64 << 20;

    /** Where a POSIX tar header holds {@code ustar}. */
    private static final int TAR_MAGIC_AT = 257;
    private static final byte[] TAR_MAGIC = {'u', 's', 't', 'a', 'r'};
    private static final int PICKLE_PROTO = 0x80;
    private static final String PICKLE = "data.pkl";

    private TorchCheckpoint() {
    }

    /** Every tensor of the checkpoint {@code file}, zip or legacy, in pickle order. */
    static List<Tensor> read(Path file) throws IOException, ModelFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int head = (int) Math.min(TAR_MAGIC_AT + TAR_MAGIC.length, channel.size());
            ByteBuffer magic = ZipDirectory.readFully(file, channel, 0, head);
            if (head >= 4 && magic.getInt(0) == ZipHead.LOCAL_SIGNATURE) {
                return tensors(file, ZipDirectory.read(file, channel));
            }
            if (head > 0 && (magic.get(0) & 0xff) == PICKLE_PROTO) {
                return LegacyCheckpoint.read(file, channel);
            }
            if (head == TAR_MAGIC_AT + TAR_MAGIC.length && magic.slice(TAR_MAGIC_AT, TAR_MAGIC.length)
                    .equals(ByteBuffer.wrap(TAR_MAGIC))) {
                throw ModelFormatException.at(file, TAR_MAGIC_AT, TAR);
            }
            throw ModelFormatException.at(file, 0, NOT_ZIP, hex(magic.limit(Math.min(4, head))));
        }
    }

    private static List<Tensor> tensors(Path file, ZipDirectory zip) throws IOException, ModelFormatException {
        ZipMember pickle = pickleEntry(zip);
        String archive = pickle.name().substring(0, pickle.name().length() - PICKLE.length());
        checkByteOrder(zip, archive);
        PickleFile source = new PickleFile(file, pickle.name(),
                pickle.method() == ZipMember.STORED ? pickle.dataAt() : ModelFormatException.NO_OFFSET);
        Object root = Unpickler.load(source, pickleBytes(zip, pickle));
        List<Tensor> tensors = new ArrayList<>();
        for (StateDict.Entry e : StateDict.tensors(source, root, StorageViews.stem(file))) {
            tensors.add(tensor(zip, archive, source, e));
        }
        return tensors;
    }

    private static ZipMember pickleEntry(ZipDirectory zip) throws ModelFormatException {
        List<ZipMember> pickles = zip.entries().stream()
                .filter(e -> e.name().endsWith("/" + PICKLE) && e.name().indexOf('/') == e.name().length() - PICKLE.length() - 1)
                .toList();
        if (pickles.isEmpty()) {
            throw ModelFormatException.at(zip.file(), ModelFormatException.NO_OFFSET, NO_PICKLE);
        }
        if (pickles.size() > 1) {
            throw ModelFormatException.at(zip.file(), pickles.get(1).localHeaderAt(), SEVERAL_PICKLES, pickles.size(),
                    pickles.get(0).name(), pickles.get(1).name());
        }
        return pickles.get(0);
    }

    private static void checkByteOrder(ZipDirectory zip, String archive) throws IOException, ModelFormatException {
        ZipMember entry = zip.find(archive + "byteorder").orElse(null);
        if (entry == null) {
            return; // torch before 1.10 wrote none, and only little-endian
        }
        long start = entry.dataAt();
        String order = entry.method() == ZipMember.STORED && entry.compressedSize() <= 16
                ? new String(zip.bytes(start, (int) entry.compressedSize()), StandardCharsets.US_ASCII).strip()
                : "(unreadable)";
        if (!order.equals("little")) {
            throw ModelFormatException.at(zip.file(), start, BIG_ENDIAN, entry.name(), order);
        }
    }

    private static byte[] pickleBytes(ZipDirectory zip, ZipMember pickle) throws IOException, ModelFormatException {
        if (pickle.size() > MAX_PICKLE_BYTES || pickle.compressedSize() > MAX_PICKLE_BYTES) {
            throw ModelFormatException.at(zip.file(), pickle.dataAt(), PICKLE_TOO_LARGE, pickle.name(),
                    Math.max(pickle.size(), pickle.compressedSize()), MAX_PICKLE_BYTES);
        }
        return zip.contents(pickle, MAX_PICKLE_BYTES);
    }

    /** The tensor an entry describes, its storage checked against its zip entry. */
    private static Tensor tensor(ZipDirectory zip, String archive, PickleFile source, StateDict.Entry e)
            throws ModelFormatException {
        Pickled.TensorRef t = e.tensor();
        Pickled.Storage s = t.storage();
        String entryName = archive + "data/" + s.key();
        ZipMember entry = zip.find(entryName).orElse(null);
        if (entry == null) {
            throw source.error(s.at(), NO_STORAGE, e.name(), s.key(), entryName);
        }
        if (entry.method() != ZipMember.STORED) {
            throw source.error(s.at(), COMPRESSED_STORAGE, e.name(), entryName, entry.method());
        }
        if (s.byteLength() > entry.compressedSize()) {
            throw source.error(s.at(), STORAGE_PAST_ENTRY, e.name(), s.key(), s.type(), s.byteLength(), entryName,
                    entry.compressedSize());
        }
        return StorageViews.tensor(zip.file(), source, e, entry.dataAt());
    }

    private static String hex(ByteBuffer bytes) {
        if (!bytes.hasRemaining()) {
            return "nothing (the file is empty)";
        }
        StringBuilder text = new StringBuilder("bytes");
        for (int i = 0; i < bytes.limit(); i++) {
            text.append(String.format(Locale.ROOT, " %02x", bytes.get(i)));
        }
        return text.toString();
    }
}
