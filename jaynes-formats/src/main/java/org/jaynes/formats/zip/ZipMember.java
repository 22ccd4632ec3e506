package org.jaynes.formats.zip;

import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;

/**
 * One entry of a zip archive as its central directory describes it, with its data located.
 *
 * @param name           the entry's name ({@code layer1/weight.npy})
 * @param method         the compression method: 0 stored, 8 deflated, others unsupported
 * @param crc            the CRC-32 of the uncompressed bytes
 * @param compressedSize bytes of data in the file
 * @param size           bytes once uncompressed
 * @param localHeaderAt  the file offset of the entry's local header
 * @param dataAt         the file offset of the entry's (compressed) data
 * @param directoryAt    the file offset of the entry's central directory record
 */
public record ZipMember(String name, int method, long crc, long compressedSize, long size, long localHeaderAt,
                        long dataAt, long directoryAt) {

    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    static final String UNSUPPORTED_METHOD = "entry %s is compressed with method %d; jaynes reads stored (0) "
            + "and deflated (8) entries";
    static final String STORED_SIZES = "entry %s is stored, but its sizes differ (%d compressed, %d uncompressed)";

    /**
     * Refuses an entry jaynes cannot read: a method other than stored or deflated, or a stored entry whose
     * two sizes differ. Readers call it for the entries they use, so that an archive may carry others.
     */
    public void requireReadable(Path archive) throws ModelFormatException {
        if (method != STORED && method != DEFLATED) {
            throw ModelFormatException.at(archive, directoryAt, UNSUPPORTED_METHOD, name, method);
        }
        if (method == STORED && compressedSize != size) {
            throw ModelFormatException.at(archive, directoryAt, STORED_SIZES, name, compressedSize, size);
        }
    }
}
