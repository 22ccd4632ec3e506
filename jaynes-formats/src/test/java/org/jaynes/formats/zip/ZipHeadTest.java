package org.jaynes.formats.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipHeadTest {

    @Test
    void readsTheFirstEntryNameOfAZip() throws IOException {
        ByteBuffer head = head(zip("archive/data.pkl"), 64);
        assertTrue(ZipHead.opensWithLocalHeader(head));
        assertEquals("archive/data.pkl".length(), ZipHead.firstNameLength(head));
        assertEquals(Optional.of("archive/data.pkl"), ZipHead.firstEntryName(head));
    }

    @Test
    void aHeadThatCutsTheNameShortHasNoName() throws IOException {
        ByteBuffer head = head(zip("a-rather-long-entry-name.npy"), 40);
        assertTrue(ZipHead.opensWithLocalHeader(head));
        assertEquals(28, ZipHead.firstNameLength(head));
        assertEquals(Optional.empty(), ZipHead.firstEntryName(head));
    }

    @Test
    void otherBytesAreNoLocalHeader() {
        ByteBuffer notZip = ByteBuffer.wrap(new byte[64]).order(ByteOrder.LITTLE_ENDIAN);
        assertFalse(ZipHead.opensWithLocalHeader(notZip));
        assertEquals(Optional.empty(), ZipHead.firstEntryName(notZip));
        ByteBuffer tooShort = ByteBuffer.wrap(new byte[] {'P', 'K', 3, 4}).order(ByteOrder.LITTLE_ENDIAN);
        assertFalse(ZipHead.opensWithLocalHeader(tooShort));
    }

    private static byte[] zip(String entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(1);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static ByteBuffer head(byte[] file, int length) {
        return ByteBuffer.wrap(Arrays.copyOf(file, Math.min(length, file.length))).order(ByteOrder.LITTLE_ENDIAN);
    }
}
