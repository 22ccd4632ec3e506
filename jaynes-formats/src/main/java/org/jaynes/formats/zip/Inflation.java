package org.jaynes.formats.zip;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * The limits every inflation of a deflated entry obeys, and the one pass that checks an entry whole.
 *
 * <p>An entry may not declare more than deflate can produce from its compressed bytes
 * ({@value #MAX_RATIO}:1, deflate's best case: a 258-byte match in about two bits), so a declared size is
 * a bound a reader can trust before inflating. The whole pass then holds the entry to it: inflating beyond
 * the declared size (one byte more is asked for, so that it shows), short of it, invalid deflate data or a
 * CRC-32 mismatch is a {@link ModelFormatException} at the entry's local header. Memory: one cursor (two
 * 64 KiB buffers).
 */
public final class Inflation {

    /** Deflate's best case: a 258-byte match in about two bits. */
    public static final int MAX_RATIO = 1032;

    static final String IMPOSSIBLE_SIZE = "entry %s declares %d bytes from %d compressed, more than deflate "
            + "can produce (at most %d:1)";
    static final String BEYOND = "entry %s inflates beyond its declared size of %d bytes";
    static final String SHORT = "entry %s inflates to %d bytes, but declares %d";
    static final String BAD_CRC = "entry %s fails its CRC-32 check (declared %08x, computed %08x)";
    static final String CORRUPT = "entry %s is not valid deflate data: %s";
    static final String TOO_LARGE_FOR_MEMORY = "entry %s declares %d bytes, over the limit of %d held in memory";

    /** Where the inflated bytes of a whole pass go, in order. */
    interface Sink {
        void accept(byte[] bytes, int length) throws IOException;
    }

    private Inflation() {
    }

    /** Refuses an entry declaring more than deflate can produce from its compressed bytes. */
    static void checkDeclaredSize(Path archive, ZipMember member) throws ModelFormatException {
        if (member.size() / MAX_RATIO > member.compressedSize() + 1) {
            throw error(archive, member, IMPOSSIBLE_SIZE, member.name(), member.size(), member.compressedSize(),
                    MAX_RATIO);
        }
    }

    /** Inflates the whole entry into {@code sink}: valid deflate data of the declared size and CRC-32. */
    static void inflateWhole(Path archive, FileChannel channel, ZipMember member, Sink sink)
            throws IOException, ModelFormatException {
        checkDeclaredSize(archive, member);
        CRC32 crc = new CRC32();
        byte[] scratch = new byte[DeflateCursor.BUFFER_BYTES];
        long produced;
        try (DeflateCursor cursor = new DeflateCursor(archive, member)) {
            while (true) {
                int want = (int) Math.min(scratch.length, member.size() + 1 - cursor.produced());
                int n = cursor.inflate(channel, scratch, 0, want);
                if (n < 0) {
                    break;
                }
                if (cursor.produced() > member.size()) {
                    throw error(archive, member, BEYOND, member.name(), member.size());
                }
                crc.update(scratch, 0, n);
                sink.accept(scratch, n);
            }
            produced = cursor.produced();
        } catch (DataFormatException e) {
            throw error(archive, member, CORRUPT, member.name(), MessageText.reason(String.valueOf(e.getMessage())));
        }
        if (produced != member.size()) {
            throw error(archive, member, SHORT, member.name(), produced, member.size());
        }
        if (crc.getValue() != member.crc()) {
            throw error(archive, member, BAD_CRC, member.name(), member.crc(), crc.getValue());
        }
    }

    /**
     * The inflated bytes of an entry whose declared size is at most {@code limit}, checked whole; for small
     * entries a reader holds in memory (a pickle).
     */
    static byte[] toBytes(Path archive, FileChannel channel, ZipMember member, int limit)
            throws IOException, ModelFormatException {
        if (member.size() > limit) {
            throw error(archive, member, TOO_LARGE_FOR_MEMORY, member.name(), member.size(), limit);
        }
        checkDeclaredSize(archive, member); // before the array is allocated
        byte[] bytes = new byte[(int) member.size()];
        int[] filled = {0};
        inflateWhole(archive, channel, member, (chunk, length) -> {
            System.arraycopy(chunk, 0, bytes, filled[0], length);
            filled[0] += length;
        });
        return bytes;
    }

    static ModelFormatException error(Path archive, ZipMember member, String template, Object... args) {
        return ModelFormatException.at(archive, member.localHeaderAt(), template, args);
    }
}
