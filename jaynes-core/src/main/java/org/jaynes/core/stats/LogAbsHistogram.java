package org.jaynes.core.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A fine histogram of w keyed by the bits of the double value: the sign, the exponent and the top
 * {@value #MANTISSA_BITS} bits of the mantissa. Bins are therefore nearly equal in ln|w|: each is at
 * most 2^-17 ≈ 7.6e-6 wide in ln|w|, whatever the scale of the weights, and no logarithm is needed to
 * find a value's bin. Cells by magnitude merge the two signs.
 *
 * <p>Storage is sparse: 2^19 pages of 1,024 int counts (4 KiB), a page allocated only when a value
 * falls in it, so a layer whose values span many octaves costs a few megabytes. The pages are found
 * through a directory of books of {@value #BOOK_SIZE} pages, a book allocated with its first page: an
 * empty histogram costs 4 KiB, not the 2 MiB of a flat directory, which the collector would have to
 * treat as a humongous object every time a layer is summarised. A count
 * that would pass {@link Integer#MAX_VALUE} spills into a map of long counts, so counts stay exact at
 * any size while the pages stay small. Subnormal doubles (below 2.2e-308) have wider bins, whose true
 * edges the cells report. Not thread-safe: use one per thread and {@link #merge} them.
 */
public final class LogAbsHistogram implements ValueCells, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Mantissa bits kept in the bin key: bins are at most 2^-17 wide in ln|w|. */
    public static final int MANTISSA_BITS = 17;

    private static final int KEY_SHIFT = 52 - MANTISSA_BITS;
    private static final int MAGNITUDE_KEY_BITS = 11 + MANTISSA_BITS;
    private static final int PAGE_BITS = 10;
    /** Slots per page; also the room an append of a page's cells reserves ({@link CellArrays#reserve}). */
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    /** The cells a walk finds by skipping empty slots before it visits the rest of a page slot by slot. */
    private static final int SPARSE_CELLS = 8;
    /** A page of zeros, to find the next occupied slot of a page with {@link Arrays#mismatch}. */
    private static final int[] EMPTY_PAGE = new int[PAGE_SIZE];
    /** Pages per sign. */
    private static final int HALF = 1 << (MAGNITUDE_KEY_BITS - PAGE_BITS);

    private static final int BOOK_BITS = 9;
    private static final int BOOK_SIZE = 1 << BOOK_BITS;
    private static final int BOOK_MASK = BOOK_SIZE - 1;

    /** The number of magnitude pages: a page index lies in [0, MAGNITUDE_PAGES). */
    static final int MAGNITUDE_PAGES = HALF;

    private static final int MANTISSA_MASK = (1 << MANTISSA_BITS) - 1;
    private static final double LN2 = Math.log(2);
    /** ln(1 + m/2^17) for m = 0 … 2^17, so a bin edge's logarithm costs a look-up, not a Math.log. */
    private static final double[] LN_MANTISSA = new double[(1 << MANTISSA_BITS) + 1];

    static {
        for (int m = 0; m < LN_MANTISSA.length; m++) {
            LN_MANTISSA[m] = Math.log1p(Math.scalb((double) m, -MANTISSA_BITS));
        }
    }

    /** Books of pages by signed page index (the negative pages HALF above the positive ones). */
    private final int[][][] books = new int[(2 * HALF) >>> BOOK_BITS][][];
    /** The lowest and highest magnitude page allocated (of either sign): walks and merges visit only these. */
    private int lowestPage = HALF;
    private int highestPage = -1;
    /**
     * Counts beyond what an int page holds, by signed key; empty in all but enormous populations. A
     * spilled key's page always exists, so iterating the allocated pages finds every count.
     */
    private final Map<Integer, Long> spilled = new HashMap<>();

    /**
     * Serialized as the non-zero counts of its allocated pages only ({@link Pages}): most slots of a
     * histogram of fine cells are empty.
     */
    private Object writeReplace() {
        return new Pages(this);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a histogram is read through its pages");
    }

    /**
     * The serialized form of a histogram: per allocated page, its signed index, then the length and bytes of
     * its non-zero counts, each as the gap to the previous non-zero slot and the count, both variable-length
     * (7 bits a byte); then the spilled counts. A count costs about two bytes instead of four, an empty slot
     * nothing; empty slots are skipped by a vectorised scan, and a page is written and read as one block.
     */
    private static final class Pages implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        /** A page's varints at most: a gap and a count of up to 5 bytes each per slot, and the closing 0. */
        private static final int MAX_PAGE_BYTES = 2 * 5 * PAGE_SIZE + 1;

        private transient LogAbsHistogram histogram;

        Pages(LogAbsHistogram histogram) {
            this.histogram = histogram;
        }

        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            // Only the magnitude pages between the lowest and highest allocated can hold a page, of either sign.
            int[] indices = new int[2 * Math.max(0, histogram.highestPage - histogram.lowestPage + 1)];
            int pages = 0;
            for (int sign = 0; sign < 2; sign++) {
                for (int m = histogram.lowestPage; m <= histogram.highestPage; m++) {
                    if (histogram.page(m + sign * HALF) != null) {
                        indices[pages++] = m + sign * HALF;
                    }
                }
            }
            out.writeInt(pages);
            // A page's varints are gathered into one array and written at once: a write per byte costs more.
            byte[] bytes = new byte[MAX_PAGE_BYTES];
            for (int i = 0; i < pages; i++) {
                int p = indices[i];
                out.writeInt(p);
                int[] page = histogram.page(p);
                int length = 0;
                int previous = -1;
                for (int slot = nextOccupied(page, 0); slot < PAGE_SIZE; slot = nextOccupied(page, slot + 1)) {
                    length = Varints.put(bytes, length, slot - previous);
                    length = Varints.put(bytes, length, Integer.toUnsignedLong(page[slot]));
                    previous = slot;
                }
                length = Varints.put(bytes, length, 0);
                out.writeInt(length);
                out.write(bytes, 0, length);
            }
            out.writeInt(histogram.spilled.size());
            for (Map.Entry<Integer, Long> spill : histogram.spilled.entrySet()) {
                out.writeInt(spill.getKey());
                out.writeLong(spill.getValue());
            }
        }

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
            histogram = new LogAbsHistogram();
            int count = in.readInt();
            byte[] bytes = new byte[MAX_PAGE_BYTES];
            int[] at = new int[1];
            for (int i = 0; i < count; i++) {
                int p = in.readInt();
                int length = in.readInt();
                if (p < 0 || p >= 2 * HALF) {
                    throw new java.io.InvalidObjectException("page " + p + " outside the histogram");
                }
                if (length < 1 || length > MAX_PAGE_BYTES) {
                    throw new java.io.InvalidObjectException("a page of " + length + " bytes");
                }
                in.readFully(bytes, 0, length);
                at[0] = 0;
                int[] page = new int[PAGE_SIZE];
                for (int slot = count(bytes, length, at) - 1; slot >= 0; ) {
                    if (slot >= PAGE_SIZE) {
                        throw new java.io.InvalidObjectException("slot " + slot + " outside a page");
                    }
                    page[slot] = count(bytes, length, at);
                    int gap = count(bytes, length, at);
                    slot = gap == 0 ? -1 : slot + gap;
                }
                if (at[0] != length) {
                    throw new java.io.InvalidObjectException((length - at[0]) + " bytes left after a page");
                }
                histogram.addCounts(p, page);
            }
            int spilled = in.readInt();
            for (int i = 0; i < spilled; i++) {
                histogram.spilled.put(in.readInt(), in.readLong());
            }
        }

        /** The int varint at {@code bytes[at[0]]}: a gap or a count of a page of {@code length} bytes. */
        private static int count(byte[] bytes, int length, int[] at) throws java.io.InvalidObjectException {
            return (int) Varints.read(bytes, length, at, 5, "a page ends inside a count");
        }

        private Object readResolve() {
            return histogram;
        }
    }

    /** Counts one value; {@code w} must be non-zero and finite. */
    public void accept(double w) {
        add(w, 1);
    }

    /** The bin key of a non-zero finite value: sign, exponent and top mantissa bits of the double. */
    static int key(double w) {
        return (int) (Double.doubleToRawLongBits(w) >>> KEY_SHIFT);
    }

    /** Adds the counts of signed page index {@code p} of {@code other}, spills aside. */
    private void mergeIndex(LogAbsHistogram other, int p) {
        int[] counts = other.page(p);
        if (counts != null) {
            addCounts(p, counts);
        }
    }

    /** Adds 1,024 counts to the page at signed page index {@code p} (a copy when it has none), spilling past int. */
    private void addCounts(int p, int[] counts) {
        int[] mine = page(p);
        if (mine == null) {
            setPage(p, counts.clone());
            return;
        }
        // Both counts are at most Integer.MAX_VALUE, so a sum wraps below zero exactly when it passes it, and
        // its 32 bits are then the true sum unsigned: add in int, spill after. The first occupied slots of the
        // counts are found by skipping empty ones (few pages hold many), the rest added in a loop C2 vectorises.
        int wrapped = 0;
        int slot = nextOccupied(counts, 0);
        for (int found = 0; slot < PAGE_SIZE && found < SPARSE_CELLS; found++) {
            mine[slot] += counts[slot];
            wrapped |= mine[slot];
            slot = nextOccupied(counts, slot + 1);
        }
        for (int i = slot; i < PAGE_SIZE; i++) {
            int total = mine[i] + counts[i];
            mine[i] = total;
            wrapped |= total;
        }
        if (wrapped < 0) {
            for (int i = 0; i < PAGE_SIZE; i++) {
                if (mine[i] < 0) {
                    spilled.merge((p << PAGE_BITS) | i, Integer.toUnsignedLong(mine[i]), Long::sum);
                    mine[i] = 0;
                }
            }
        }
    }

    /** Counts one value per key (keys from {@link #key}). */
    void acceptKeys(int[] keys, int length) {
        for (int i = 0; i < length; i++) {
            int key = keys[i];
            int[] page = page(key >>> PAGE_BITS);
            if (page == null) {
                page = newPage(key >>> PAGE_BITS);
            }
            int slot = key & PAGE_MASK;
            int count = page[slot];
            if (count == Integer.MAX_VALUE) {
                page[slot] = 0;
                spilled.merge(key, (long) count + 1, Long::sum);
            } else {
                page[slot] = count + 1;
            }
        }
    }

    /** Counts {@code count} copies of one value; {@code w} must be non-zero and finite. */
    public void add(double w, long count) {
        add(key(w), count);
    }

    /** The count of a signed key: its page slot plus anything spilled. */
    private long count(int[] page, int key) {
        long count = page == null ? 0 : page[key & PAGE_MASK];
        return spilled.isEmpty() ? count : count + spilled.getOrDefault(key, 0L);
    }

    /** Adds every count of {@code other}; {@code other} is unchanged. */
    public void merge(LogAbsHistogram other) {
        for (int sign = 0; sign < 2; sign++) {
            for (int m = other.lowestPage; m <= other.highestPage; m++) {
                mergeIndex(other, m + sign * HALF);
            }
        }
        other.spilled.forEach(this::add);
    }

    private void add(int key, long count) {
        int[] page = page(key >>> PAGE_BITS);
        if (page == null) {
            page = newPage(key >>> PAGE_BITS);
        }
        long total = page[key & PAGE_MASK] + count;
        if (total <= Integer.MAX_VALUE) {
            page[key & PAGE_MASK] = (int) total;
        } else {
            page[key & PAGE_MASK] = 0;
            spilled.merge(key, total, Long::sum);
        }
    }

    /** An empty page at signed page index {@code index}, in place. */
    private int[] newPage(int index) {
        int[] page = new int[PAGE_SIZE];
        setPage(index, page);
        return page;
    }

    /** The page at signed page index {@code index}; null when it holds no count. */
    private int[] page(int index) {
        int[][] book = books[index >>> BOOK_BITS];
        return book == null ? null : book[index & BOOK_MASK];
    }

    private void setPage(int index, int[] page) {
        int[][] book = books[index >>> BOOK_BITS];
        if (book == null) {
            book = new int[BOOK_SIZE][];
            books[index >>> BOOK_BITS] = book;
        }
        book[index & BOOK_MASK] = page;
        notePage(index);
    }

    private void notePage(int index) {
        int p = index & (HALF - 1);
        lowestPage = Math.min(lowestPage, p);
        highestPage = Math.max(highestPage, p);
    }

    @Override
    public void forEachCell(CellConsumer consumer) {
        for (int p = lowestPage; p <= highestPage; p++) {
            forEachCellOfPage(p, consumer);
        }
    }

    @Override
    public void forEachSignedCell(CellConsumer consumer) {
        for (int p = highestPage; p >= lowestPage; p--) {
            forEachNegativeCellOfPage(p, consumer);
        }
        for (int p = lowestPage; p <= highestPage; p++) {
            forEachPositiveCellOfPage(p, consumer);
        }
    }

    /** Hands the cells of ln|w| of magnitude page {@code p} (both signs merged) to {@code consumer}, ascending. */
    void forEachCellOfPage(int p, CellConsumer consumer) {
        int[] positive = page(p);
        int[] negative = page(p + HALF);
        if (positive == null && negative == null) {
            return;
        }
        boolean plain = spilled.isEmpty();
        for (int i = 0; i < PAGE_SIZE; i++) {
            int key = (p << PAGE_BITS) | i;
            long count = plain
                    ? (positive == null ? 0L : positive[i]) + (negative == null ? 0L : negative[i])
                    : count(positive, key) + count(negative, key | (HALF << PAGE_BITS));
            if (count != 0) {
                // The upper edge is the next bin's lower edge, computed the same way, so cells tile exactly.
                consumer.accept(lnLow(key), lnLow(key + 1L), count);
            }
        }
    }

    /**
     * Appends the cells of {@link #forEachCellOfPage} to {@code cells}, the same cells with the same edges.
     * A page is walked from one occupied slot to the next ({@link #nextOccupied}) until it has shown
     * {@value #SPARSE_CELLS} cells, then slot by slot to its end, in bulk ({@link CellArrays#reserve}):
     * pages of values with few distinct patterns (f16, dequantised int8) hold a handful of cells in 1,024
     * slots, while the pages of a refined f32 layer are dense.
     */
    void appendCellsOfPage(int p, CellArrays cells) {
        int[] positive = page(p);
        int[] negative = page(p + HALF);
        if (positive == null && negative == null) {
            return;
        }
        if (!spilled.isEmpty()) {
            forEachCellOfPage(p, cells);
            return;
        }
        int next = cells.reserve(PAGE_SIZE);
        long key = (long) p << PAGE_BITS;
        int slot = Math.min(nextOccupied(positive, 0), nextOccupied(negative, 0));
        for (int found = 0; slot < PAGE_SIZE && found < SPARSE_CELLS; found++) {
            long count = (positive == null ? 0L : positive[slot]) + (negative == null ? 0L : negative[slot]);
            cells.set(next++, lnLow(key + slot), lnLow(key + slot + 1), count);
            slot = Math.min(nextOccupied(positive, slot + 1), nextOccupied(negative, slot + 1));
        }
        double lower = lnLow(key + slot);
        for (int i = slot; i < PAGE_SIZE; i++) {
            long count = (positive == null ? 0L : positive[i]) + (negative == null ? 0L : negative[i]);
            double upper = lnLow(key + i + 1);
            cells.set(next, lower, upper, count);
            next += count != 0 ? 1 : 0;
            lower = upper;
        }
        cells.commit(next);
    }

    /**
     * Appends the cells of {@link #forEachNegativeCellOfPage} to {@code cells}, ascending in w, that is in
     * descending slots: the slots above the page's first {@value #SPARSE_CELLS} occupied ones slot by slot,
     * as {@link #appendCellsOfPage} walks a page's dense part, then those few, found by skipping empty slots,
     * written in reverse. No pass reverses the cells afterwards.
     */
    void appendNegativeCellsOfPage(int p, CellArrays cells) {
        int[] negative = page(p + HALF);
        if (negative == null) {
            return;
        }
        if (!spilled.isEmpty()) {
            forEachNegativeCellOfPage(p, cells);
            return;
        }
        int next = cells.reserve(PAGE_SIZE);
        long key = (long) p << PAGE_BITS;
        int sparse = 0;
        int slot = nextOccupied(negative, 0);
        while (slot < PAGE_SIZE && sparse < SPARSE_CELLS) {
            sparse++;
            slot = nextOccupied(negative, slot + 1);
        }
        double lower = -low(key + PAGE_SIZE);
        for (int i = PAGE_SIZE - 1; i >= slot; i--) {
            double upper = -low(key + i);
            cells.set(next, lower, upper, negative[i]);
            next += negative[i] != 0 ? 1 : 0;
            lower = upper;
        }
        int found = nextOccupied(negative, 0);
        for (int j = sparse - 1; j >= 0; j--) {
            cells.set(next + j, -low(key + found + 1), -low(key + found), negative[found]);
            found = nextOccupied(negative, found + 1);
        }
        cells.commit(next + sparse);
    }

    /**
     * Appends the cells of {@link #forEachPositiveCellOfPage} to {@code cells}, walked as
     * {@link #appendCellsOfPage}.
     */
    void appendPositiveCellsOfPage(int p, CellArrays cells) {
        int[] positive = page(p);
        if (positive == null) {
            return;
        }
        if (!spilled.isEmpty()) {
            forEachPositiveCellOfPage(p, cells);
            return;
        }
        int next = cells.reserve(PAGE_SIZE);
        long key = (long) p << PAGE_BITS;
        int slot = nextOccupied(positive, 0);
        for (int found = 0; slot < PAGE_SIZE && found < SPARSE_CELLS; found++) {
            cells.set(next++, low(key + slot), low(key + slot + 1), positive[slot]);
            slot = nextOccupied(positive, slot + 1);
        }
        double lower = low(key + slot);
        for (int i = slot; i < PAGE_SIZE; i++) {
            double upper = low(key + i + 1);
            cells.set(next, lower, upper, positive[i]);
            next += positive[i] != 0 ? 1 : 0;
            lower = upper;
        }
        cells.commit(next);
    }

    /** The first slot at or after {@code from} with a count, or {@link #PAGE_SIZE}: a vectorised scan. */
    private static int nextOccupied(int[] page, int from) {
        if (page == null || from >= PAGE_SIZE) {
            return PAGE_SIZE;
        }
        int offset = Arrays.mismatch(page, from, PAGE_SIZE, EMPTY_PAGE, from, PAGE_SIZE);
        return offset < 0 ? PAGE_SIZE : from + offset;
    }

    /** Hands the cells of w of the negative values of magnitude page {@code p} to {@code consumer}, ascending in w. */
    void forEachNegativeCellOfPage(int p, CellConsumer consumer) {
        int[] negative = page(p + HALF);
        if (negative == null) {
            return;
        }
        boolean plain = spilled.isEmpty();
        for (int i = PAGE_SIZE - 1; i >= 0; i--) {
            int key = (p << PAGE_BITS) | i;
            long count = plain ? negative[i] : count(negative, key | (HALF << PAGE_BITS));
            if (count != 0) {
                consumer.accept(-low(key + 1L), -low(key), count);
            }
        }
    }

    /** Hands the cells of w of the positive values of magnitude page {@code p} to {@code consumer}, ascending. */
    void forEachPositiveCellOfPage(int p, CellConsumer consumer) {
        int[] positive = page(p);
        if (positive == null) {
            return;
        }
        boolean plain = spilled.isEmpty();
        for (int i = 0; i < PAGE_SIZE; i++) {
            int key = (p << PAGE_BITS) | i;
            long count = plain ? positive[i] : count(positive, key);
            if (count != 0) {
                consumer.accept(low(key), low(key + 1L), count);
            }
        }
    }

    /**
     * Adds {@code counts} (1,024 counts, in the layout of a page) to magnitude page {@code p} of one sign:
     * how {@link Refinement} hands over the pages it counted directly. An absent page becomes a copy.
     */
    void addPage(int p, boolean negative, int[] counts) {
        if (counts.length != PAGE_SIZE) {
            throw new IllegalArgumentException("a page has " + PAGE_SIZE + " counts, not " + counts.length);
        }
        addCounts(negative ? p + HALF : p, counts);
    }

    /**
     * Like {@link #addPage}, but where this histogram has no such page, {@code counts} itself becomes it:
     * the caller gives up the array.
     */
    void addOrAdoptPage(int p, boolean negative, int[] counts) {
        int index = negative ? p + HALF : p;
        if (counts.length == PAGE_SIZE && page(index) == null) {
            setPage(index, counts);
        } else {
            addPage(p, negative, counts);
        }
    }

    /** Whether magnitude page {@code p} holds a value of either sign. */
    boolean isOccupied(int p) {
        return page(p) != null || page(p + HALF) != null;
    }

    /** The lowest magnitude page allocated, {@link #MAGNITUDE_PAGES} when none is. */
    int lowestPage() {
        return lowestPage;
    }

    /** The highest magnitude page allocated, −1 when none is. */
    int highestPage() {
        return highestPage;
    }


    /** Adds the counts of magnitude page {@code p}, both signs, of {@code other} to this histogram's. */
    void mergePage(LogAbsHistogram other, int p) {
        mergePage(other, p, false);
        mergePage(other, p, true);
    }

    /**
     * Takes magnitude page {@code p}, both signs, of {@code other} as this histogram's own, sharing its arrays
     * instead of adding them up: for a read-only view of part of a histogram that neither side changes again.
     * This histogram must not hold the page yet.
     */
    void sharePage(LogAbsHistogram other, int p) {
        for (int index : new int[] {p, p + HALF}) {
            int[] page = other.page(index);
            if (page != null) {
                setPage(index, page);
            }
        }
        other.spilled.forEach((key, count) -> {
            if (key >>> PAGE_BITS == p || key >>> PAGE_BITS == p + HALF) {
                spilled.put(key, count);
            }
        });
    }

    /** Adds the counts of magnitude page {@code p} of one sign of {@code other} to this histogram's. */
    private void mergePage(LogAbsHistogram other, int p, boolean negative) {
        int index = negative ? p + HALF : p;
        mergeIndex(other, index);
        other.spilled.forEach((key, count) -> {
            if (key >>> PAGE_BITS == index) {
                add(key, count);
            }
        });
    }

    /**
     * The number of cells the walks of magnitude page {@code p} hand over for the signs asked for: its
     * occupied slots (of either sign when both are asked), or a page's worth, a bound, once a count has
     * spilled. For sizing cell arrays before a walk fills them.
     */
    int cellsOfPage(int p, boolean positive, boolean negative) {
        int[] plus = positive ? page(p) : null;
        int[] minus = negative ? page(p + HALF) : null;
        if (plus == null && minus == null) {
            return 0;
        }
        if (!spilled.isEmpty()) {
            return PAGE_SIZE;
        }
        // As the walks go: from one occupied slot to the next while the cells are few, then slot by slot.
        int cells = 0;
        int slot = Math.min(nextOccupied(plus, 0), nextOccupied(minus, 0));
        for (; slot < PAGE_SIZE && cells < SPARSE_CELLS; cells++) {
            slot = Math.min(nextOccupied(plus, slot + 1), nextOccupied(minus, slot + 1));
        }
        plus = plus == null ? EMPTY_PAGE : plus;
        minus = minus == null ? EMPTY_PAGE : minus;
        for (int i = slot; i < PAGE_SIZE; i++) {
            cells += (plus[i] | minus[i]) != 0 ? 1 : 0;
        }
        return cells;
    }

    /** The number of values in magnitude page {@code p} of one sign. */
    long pageCount(int p, boolean negative) {
        int[] page = page(negative ? p + HALF : p);
        if (page == null) {
            return 0;
        }
        // From one occupied slot to the next while they are few (most pages of a refinement hold a handful
        // of values, and a compiler without vectorisation, C1, sums a whole page slowly), then the rest of the
        // page as two int sums of 16-bit halves, which cannot overflow (1,024 × 2^16 < 2^31) and which C2
        // vectorises, unlike a long sum of ints.
        long total = 0;
        int slot = nextOccupied(page, 0);
        for (int found = 0; slot < PAGE_SIZE && found < SPARSE_CELLS; found++) {
            total += page[slot];
            slot = nextOccupied(page, slot + 1);
        }
        int lowHalves = 0;
        int highHalves = 0;
        for (int i = slot; i < PAGE_SIZE; i++) {
            lowHalves += page[i] & 0xFFFF;
            highHalves += page[i] >>> 16;
        }
        total += ((long) highHalves << 16) + lowHalves;
        if (!spilled.isEmpty()) {
            int signedPage = negative ? p + HALF : p;
            for (Map.Entry<Integer, Long> spill : spilled.entrySet()) {
                if (spill.getKey() >>> PAGE_BITS == signedPage) {
                    total += spill.getValue();
                }
            }
        }
        return total;
    }

    /** The magnitude page of a value: values of one page share the exponent and top 7 mantissa bits. */
    static int magnitudePage(double w) {
        return (key(w) >>> PAGE_BITS) & (HALF - 1);
    }

    /** ln of the lower edge of magnitude page {@code p}, equal to the lower edge of its first cell. */
    static double lnLowOfPage(int p) {
        return lnLow((long) p << PAGE_BITS);
    }

    /** The lower edge in |w| of magnitude page {@code p}. */
    static double lowOfPage(int p) {
        return low((long) p << PAGE_BITS);
    }

    /** ln of the smallest magnitude with the given magnitude key, exact to an ulp or two. */
    private static double lnLow(long magnitudeKey) {
        int exponent = (int) (magnitudeKey >>> MANTISSA_BITS);
        if (exponent == 0) {
            return Math.log(low(magnitudeKey)); // subnormal doubles: no implicit leading 1
        }
        return (exponent - 1023) * LN2 + LN_MANTISSA[(int) (magnitudeKey & MANTISSA_MASK)];
    }

    /** The smallest magnitude with the given magnitude key. */
    private static double low(long magnitudeKey) {
        return Double.longBitsToDouble(magnitudeKey << KEY_SHIFT);
    }

    /** ln(1 + 2^-17): the widest bin of normal doubles, the one at the bottom of each octave. */
    @Override
    public double maxCellWidth() {
        return Math.log1p(Math.scalb(1.0, -MANTISSA_BITS));
    }
}
