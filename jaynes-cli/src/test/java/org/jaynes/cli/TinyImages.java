package org.jaynes.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of IDX files with {@code train} and {@code test} 8x8 images of made-up pixels, 10 classes. */
final class TinyImages {

    private TinyImages() {
    }

    /** Writes the four files into {@code dir/images} and returns that folder. */
    static Path write(Path dir, int train, int test) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("images"));
        for (String prefix : new String[] {"train", "t10k"}) {
            int n = prefix.equals("train") ? train : test;
            ByteBuffer images = ByteBuffer.allocate(16 + n * 64).putInt(0x0803).putInt(n).putInt(8).putInt(8);
            ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x0801).putInt(n);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < 64; p++) {
                    images.put((byte) (i * 37 + p * 11));
                }
                labels.put((byte) (i % 10));
            }
            Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), images.array());
            Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        }
        return folder;
    }
}
