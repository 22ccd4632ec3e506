package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Writes zip checkpoints entry by entry, stored unless told otherwise, to make any archive a test needs. */
final class CheckpointZip {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Set<String> deflated = new HashSet<>();

    /** {@code archive/data.pkl}, {@code archive/byteorder} ("little") and {@code archive/version}. */
    static CheckpointZip archive(byte[] pickle) {
        return new CheckpointZip().put("archive/data.pkl", pickle)
                .put("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII))
                .put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The entries of an existing zip, in order, all stored. */
    static CheckpointZip copyOf(Path zip) throws IOException {
        CheckpointZip copy = new CheckpointZip();
        try (ZipFile in = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(in.entries())) {
                try (InputStream data = in.getInputStream(e)) {
                    copy.put(e.getName(), data.readAllBytes());
                }
            }
        }
        return copy;
    }

    CheckpointZip put(String name, byte[] data) {
        entries.put(name, data);
        return this;
    }

    CheckpointZip remove(String name) {
        entries.remove(name);
        return this;
    }

    /** Makes an entry deflated instead of stored. */
    CheckpointZip deflate(String name) {
        deflated.add(name);
        return this;
    }

    Path write(Path file) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(stream)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (deflated.contains(e.getKey())) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
