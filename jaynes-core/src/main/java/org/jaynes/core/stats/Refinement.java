package org.jaynes.core.stats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The second pass of a {@link RefiningAccumulator}: which coarse cells (f32 magnitude keys) to count
 * finely, and the counting itself, one window at a time, each into its own histogram to be merged with
 * {@link LogAbsHistogram#merge}. Immutable, thread-safe, and serializable: a second pass may run on
 * another machine.
 */
public final class Refinement implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final int CHUNK = 1024;

    private final boolean[] keys;
    /** The keys set in {@link #keys}, ascending: the loops over a refinement visit only these. */
    private final int[] selected;

    Refinement(boolean[] keys) {
        this.keys = keys;
        int count = 0;
        for (boolean key : keys) {
            count += key ? 1 : 0;
        }
        selected = new int[count];
        for (int key = 0, i = 0; i < count; key++) {
            if (keys[key]) {
                selected[i++] = key;
            }
        }
    }

    /** Whether any cell is to be refined: when none is, the second pass can be skipped. */
    public boolean isEmpty() {
        return selected.length == 0;
    }

    /** The number of coarse cells (of both signs) to refine. */
    public int cells() {
        return selected.length;
    }

    boolean[] keys() {
        return keys;
    }

    /** The refined cells as f32 magnitude keys, ascending: a compact record of this refinement. */
    public int[] selectedKeys() {
        return selected.clone();
    }

    /** The cells of this refinement but those of {@code done} ({@link #selectedKeys}): what is left to count. */
    public Refinement without(int[] done) {
        boolean[] left = keys.clone();
        for (int key : done) {
            left[key] = false;
        }
        return new Refinement(left);
    }

    /** The cells of this refinement and of {@code other}. */
    public Refinement and(Refinement other) {
        boolean[] both = keys.clone();
        for (int key : other.selected) {
            both[key] = true;
        }
        return new Refinement(both);
    }

    /** The values of the refined cells among the f32 values of {@code window}, counted in fine cells. */
    public LogAbsHistogram countFine(ByteBuffer window) {
        LogAbsHistogram fine = new LogAbsHistogram();
        Counter counter = counter();
        counter.count(window);
        counter.drainInto(fine);
        return fine;
    }

    /** A counter of the refined cells' values, for windows read one after another. */
    public Counter counter() {
        return new Counter(Counter.DRAIN_AFTER);
    }

    /** A counter that drains itself after {@code drainAfter} values (tests: the overflow guard at work). */
    Counter counter(long drainAfter) {
        return new Counter(drainAfter);
    }

    /**
     * Counts the values of the refined cells, window after window, in pages of its own, until drained
     * into a histogram. A refined coarse cell of an f32 is exactly one page of the {@link LogAbsHistogram}
     * (same exponent and top 7 mantissa bits) and its fine cell the next 10 mantissa bits, so each value
     * costs one increment: values of cells not refined are counted in a scratch page, since a branch on
     * whether a value is refined would be mispredicted for a good share of the values and cost more than
     * the count. Drains itself before its int counts could overflow. Not thread-safe.
     */
    public final class Counter {

        /** Drain before this many values: no count of an int page can then pass {@link Integer#MAX_VALUE}. */
        private static final long DRAIN_AFTER = 1L << 30;

        /** This counter's directory: the page of each f32 key, the scratch page for keys not refined. */
        private final Directory directory = Directory.take();
        private final int[][] pageOfKey = directory.pages();
        private final int[] chunk = new int[CHUNK];
        private LogAbsHistogram pending;
        private long counted;
        private boolean drained;

        private final long drainAfter;

        private Counter(long drainAfter) {
            this.drainAfter = drainAfter;
            for (int key : selected) {
                pageOfKey[key] = new int[1 << 10];
                pageOfKey[key | 0x8000] = new int[1 << 10];
            }
        }

        /** Counts the refined values among the f32 values of {@code window}. */
        public void count(ByteBuffer window) {
            if (drained) {
                throw new IllegalStateException("a drained counter counts no more");
            }
            IntBuffer ints = window.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            int total = ints.remaining();
            if (counted > 0 && counted + total > drainAfter) {
                if (pending == null) {
                    pending = new LogAbsHistogram();
                }
                addPagesTo(pending, false);
            }
            counted += total;
            int[][] pages = pageOfKey;
            for (int start = 0; start < total; start += CHUNK) {
                int length = Math.min(CHUNK, total - start);
                ints.get(start, chunk, 0, length);
                for (int i = 0; i < length; i++) {
                    int b = chunk[i];
                    // Zeros, subnormals and non-finite values have keys that are never refined.
                    pages[b >>> 16][(b >>> 6) & 0x3FF]++;
                }
            }
        }

        /**
         * Adds everything counted to {@code fine}, handing over its pages where {@code fine} has none (a
         * copy would double what a layer's refinement allocates); the counter counts no more afterwards.
         */
        public void drainInto(LogAbsHistogram fine) {
            if (pending != null) {
                fine.merge(pending);
                pending = null;
            }
            addPagesTo(fine, true);
            drained = true;
            directory.giveBack(selected);
        }

        /** Adds the non-empty pages to {@code fine}, handed over or added and zeroed for more counting. */
        private void addPagesTo(LogAbsHistogram fine, boolean handOver) {
            for (int key : selected) {
                for (int signed : new int[] {key, key | 0x8000}) {
                    int[] page = pageOfKey[signed];
                    if (isEmpty(page)) {
                        continue;
                    }
                    int magnitudePage = key + RefinedCells.PAGE_OFFSET;
                    if (handOver) {
                        fine.addOrAdoptPage(magnitudePage, signed != key, page);
                    } else {
                        fine.addPage(magnitudePage, signed != key, page);
                        Arrays.fill(page, 0);
                    }
                }
            }
            counted = 0;
        }
    }

    /**
     * A counter's directory: a page per f32 key (65,536 references, 256 KiB to fill), every key not refined
     * on the directory's own scratch page, so that two threads never count into one page. Drained counters'
     * directories are kept for the next counters, since a model has a refinement per layer.
     */
    private record Directory(int[][] pages, int[] scratch) {

        /** At most this many kept: one per worker thread of an analysis is enough. */
        private static final int KEPT = 8;
        private static final ConcurrentLinkedQueue<Directory> FREE = new ConcurrentLinkedQueue<>();
        private static final AtomicInteger FREE_COUNT = new AtomicInteger();

        static Directory take() {
            Directory kept = FREE.poll();
            if (kept != null) {
                FREE_COUNT.decrementAndGet();
                return kept;
            }
            int[] scratch = new int[1 << 10];
            int[][] pages = new int[1 << 16][];
            Arrays.fill(pages, scratch);
            return new Directory(pages, scratch);
        }

        /** Points the keys of {@code selected} (of both signs) back at the scratch page and keeps it, if room. */
        void giveBack(int[] selected) {
            if (FREE_COUNT.incrementAndGet() > KEPT) {
                FREE_COUNT.decrementAndGet();
                return;
            }
            for (int key : selected) {
                pages[key] = scratch;
                pages[key | 0x8000] = scratch;
            }
            FREE.add(this);
        }
    }

    private static boolean isEmpty(int[] page) {
        for (int count : page) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }
}
