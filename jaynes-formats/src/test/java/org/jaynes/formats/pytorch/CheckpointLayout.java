package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The two layouts a {@code torch.save} pickle comes in, for tests that hold both readers to the same
 * refusals: the zip checkpoint's {@code archive/data.pkl} ({@link CheckpointZip}) and the legacy file's
 * object pickle ({@link LegacyFile}, with an empty storage key list).
 */
enum CheckpointLayout {

    ZIP("archive/data.pkl") {
        @Override
        Path write(byte[] pickle, Path file) throws IOException {
            return CheckpointZip.archive(pickle).write(file);
        }

        /** data.pkl is the first entry: its data follows its local header, name and extra field. */
        @Override
        long fileOffset(Path file) throws IOException {
            ByteBuffer head = ByteBuffer.wrap(Arrays.copyOf(Files.readAllBytes(file), 30)).order(ByteOrder.LITTLE_ENDIAN);
            return 30 + (head.getShort(26) & 0xffff) + (head.getShort(28) & 0xffff);
        }
    },
    LEGACY("the object pickle") {
        @Override
        Path write(byte[] pickle, Path file) throws IOException {
            return LegacyFile.header().object(pickle).keys().write(file);
        }

        @Override
        long fileOffset(Path file) {
            return LegacyFile.header().toByteArray().length;
        }
    };

    /** How refusals name the pickle. */
    final String pickleName;

    CheckpointLayout(String pickleName) {
        this.pickleName = pickleName;
    }

    /** A file holding {@code pickle} in this layout. */
    abstract Path write(byte[] pickle, Path file) throws IOException;

    /** The file offset of the pickle's first byte in a file {@link #write} wrote. */
    abstract long fileOffset(Path file) throws IOException;
}
