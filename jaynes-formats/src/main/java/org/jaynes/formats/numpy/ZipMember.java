package org.jaynes.formats.numpy;

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
}
