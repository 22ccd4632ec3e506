package org.jaynes.core.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jaynes.core.tensor.Tensor;

/**
 * One unit of reading: bytes {@code [offset, offset + length)} of the {@code population}-th population of a
 * model, at most {@value #BYTES} long. A population's accumulator is the merge, in file order, of one
 * accumulator per segment, so whoever reads the segments (threads of {@link ModelAnalyzer}, or the
 * machines of a cluster) gets the same sums bit for bit, as long as it cuts and merges them this way.
 *
 * @param last whether this is the population's last segment
 */
public record Segment(int population, long offset, int length, boolean last) implements java.io.Serializable {

    /** Bytes per segment; a multiple of every element size. */
    public static final int BYTES = 16 << 20;

    /**
     * Bytes read at once into a reader's buffer: a read call costs less than the page faults of a fresh
     * mapping, and 4 MiB per reader keeps the buffers small; a multiple of 4,096, so the accumulators'
     * chunks fall where they would over the whole segment.
     */
    public static final int READ_BYTES = 4 << 20;

    /** The segments of {@code populations}, population after population, each cut from its first byte. */
    public static List<Segment> of(List<Tensor> populations) {
        List<Segment> segments = new ArrayList<>();
        for (int p = 0; p < populations.size(); p++) {
            long length = populations.get(p).data().length();
            long offset = 0;
            do {
                int piece = (int) Math.min(BYTES, length - offset);
                segments.add(new Segment(p, offset, piece, offset + piece == length));
                offset += piece;
            } while (offset < length);
        }
        return segments;
    }

    /**
     * Hands this segment's bytes of {@code tensor} to {@code sink}, {@value #READ_BYTES} at a time, read into
     * {@code scratch} (a direct buffer of at least that size, reused; each window is valid until the next).
     */
    public void read(Tensor tensor, ByteBuffer scratch, Consumer<ByteBuffer> sink) throws IOException {
        for (int done = 0; done < length; done += READ_BYTES) {
            sink.accept(tensor.data().read(offset + done, Math.min(READ_BYTES, length - done), scratch));
        }
    }
}
