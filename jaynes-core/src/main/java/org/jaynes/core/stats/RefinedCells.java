package org.jaynes.core.stats;

/**
 * The cells of a {@link RefiningAccumulator}: one coarse cell per exponent and top 7 mantissa bits of an
 * f32 (a page of the {@link LogAbsHistogram}: 1/128 of an octave, at most ln(1 + 2^-7) ≈ 0.0078 wide in
 * ln|w|) where the population was not refined, and the histogram's fine cells (at most 2^-17 wide)
 * where it was, or where values were added exactly. A coarse cell's edges are those of the first fine
 * cell of its page and of the next page, computed the same way, so coarse and fine cells tile exactly.
 * A coarse cell also takes any exactly-added values of its page, since it cannot place them finer.
 *
 * <p>Read-only view over the accumulator's arrays; valid until the accumulator changes. The cells are
 * copied into arrays on the first walk (24 bytes a cell), as the fits walk them a dozen times. Not
 * thread-safe.
 */
final class RefinedCells implements ValueCells {

    /** Magnitude page of the f32 magnitude key 0: double exponents are f32 exponents plus 896. */
    static final int PAGE_OFFSET = 896 << 7;
    /** The widest coarse cell: the first of an octave, ln(1 + 2^-7). */
    private static final double COARSE_WIDTH = Math.log1p(0x1p-7);

    private final long[] coarse;
    /** The range of f32 magnitude keys outside which {@link #coarse} holds no count. */
    private final int lowKey;
    private final int highKey;
    private final boolean[] refined;
    private final LogAbsHistogram fine;
    /** The magnitude pages holding any value, ascending: the only pages a walk over the cells visits. */
    private final int[] occupied;

    /**
     * @param coarse  counts by f32 signed key (bits &gt;&gt;&gt; 16) of normal values
     * @param lowKey  the lowest magnitude key of a non-zero coarse count, or above {@code highKey} if none
     * @param highKey the highest
     * @param refined by f32 magnitude key: the keys whose values are in {@code fine} instead
     * @param fine    the values of the refined keys and the values added exactly (subnormal f32,
     *                pattern-counted values); null when there are none
     */
    RefinedCells(long[] coarse, int lowKey, int highKey, boolean[] refined, LogAbsHistogram fine) {
        this.coarse = coarse;
        this.lowKey = lowKey;
        this.highKey = highKey;
        this.refined = refined;
        this.fine = fine;
        int low = fine == null ? LogAbsHistogram.MAGNITUDE_PAGES : fine.lowestPage();
        int high = fine == null ? -1 : fine.highestPage();
        for (int key = lowKey; key <= highKey; key++) {
            if (coarse[key] != 0 || coarse[key | 0x8000] != 0) {
                low = Math.min(low, key + PAGE_OFFSET);
                high = Math.max(high, key + PAGE_OFFSET);
            }
        }
        int[] pages = new int[Math.max(0, high - low + 1)];
        int count = 0;
        for (int p = low; p <= high; p++) {
            int key = floatKey(p);
            boolean coarseCell = key >= 0 && !refined[key] && (coarse[key] != 0 || coarse[key | 0x8000] != 0);
            if (coarseCell || (fine != null && fine.isOccupied(p))) {
                pages[count++] = p;
            }
        }
        this.occupied = java.util.Arrays.copyOf(pages, count);
    }

    /** The f32 magnitude key of magnitude page {@code p}, or −1 when no normal f32 falls in it. */
    static int floatKey(int p) {
        int key = p - PAGE_OFFSET;
        return key >= 1 << 7 && key < 255 << 7 ? key : -1;
    }

    /** The coarse count of page {@code p} for one sign, 0 when it is refined or not a normal f32 page. */
    private long coarseCount(int p, boolean negative) {
        int key = floatKey(p);
        if (key < 0 || refined[key]) {
            return 0;
        }
        return coarse[negative ? key | 0x8000 : key];
    }

    private long fineCount(int p, boolean negative) {
        return fine == null ? 0 : fine.pageCount(p, negative);
    }

    /** The cells of ln|w|, then of w, as arrays: built on the first walk, since the fits walk them often. */
    private CellArrays magnitudeCells;
    private CellArrays signedCells;

    @Override
    public void forEachCell(CellConsumer consumer) {
        magnitudeCells().forEach(consumer);
    }

    @Override
    public void forEachSignedCell(CellConsumer consumer) {
        signedCells().forEach(consumer);
    }

    @Override
    public java.util.Optional<CellColumns> magnitudeColumns() {
        return java.util.Optional.of(magnitudeCells().columns());
    }

    @Override
    public java.util.Optional<CellColumns> signedColumns() {
        return java.util.Optional.of(signedCells().columns());
    }

    private CellArrays magnitudeCells() {
        if (magnitudeCells == null) {
            CellArrays cells = new CellArrays(cellCount(true, true));
            walkCells(cells);
            cells.trim();
            magnitudeCells = cells;
        }
        return magnitudeCells;
    }

    private CellArrays signedCells() {
        if (signedCells == null) {
            CellArrays cells = new CellArrays(cellCount(false, true) + cellCount(true, false));
            walkSignedCells(cells);
            cells.trim();
            signedCells = cells;
        }
        return signedCells;
    }

    /**
     * The room a walk needs: the cells of the pages of the signs asked for (a coarse cell where there is one,
     * else the fine cells), and one page more for the bulk appends' slots past the last cell. Sized exactly,
     * the arrays are filled without growing, and without copying them afterwards.
     */
    private int cellCount(boolean positive, boolean negative) {
        int cells = LogAbsHistogram.PAGE_SIZE;
        for (int p : occupied) {
            long coarseCount = (positive ? coarseCount(p, false) : 0) + (negative ? coarseCount(p, true) : 0);
            if (coarseCount > 0) {
                cells++;
            } else if (fine != null) {
                cells += fine.cellsOfPage(p, positive, negative);
            }
        }
        return cells;
    }

    private void walkCells(CellArrays cells) {
        for (int p : occupied) {
            long count = coarseCount(p, false) + coarseCount(p, true);
            if (count > 0) {
                count += fineCount(p, false) + fineCount(p, true);
                cells.accept(LogAbsHistogram.lnLowOfPage(p), LogAbsHistogram.lnLowOfPage(p + 1), count);
            } else if (fine != null) {
                fine.appendCellsOfPage(p, cells);
            }
        }
    }

    private void walkSignedCells(CellArrays cells) {
        for (int i = occupied.length - 1; i >= 0; i--) {
            int p = occupied[i];
            long count = coarseCount(p, true);
            if (count > 0) {
                count += fineCount(p, true);
                cells.accept(-LogAbsHistogram.lowOfPage(p + 1), -LogAbsHistogram.lowOfPage(p), count);
            } else if (fine != null) {
                fine.appendNegativeCellsOfPage(p, cells);
            }
        }
        for (int p : occupied) {
            long count = coarseCount(p, false);
            if (count > 0) {
                count += fineCount(p, false);
                cells.accept(LogAbsHistogram.lowOfPage(p), LogAbsHistogram.lowOfPage(p + 1), count);
            } else if (fine != null) {
                fine.appendPositiveCellsOfPage(p, cells);
            }
        }
    }

    /**
     * The cells as arrays that no later change of the accumulator reaches (the arrays the walks build, shared,
     * never written again): what {@link CopiedCells#of} takes from refined cells without copying them twice.
     */
    CopiedCells copy() {
        return new CopiedCells(magnitudeCells(), signedCells(), maxCellWidth());
    }

    @Override
    public double maxCellWidth() {
        for (int key = lowKey; key <= highKey; key++) {
            if (!refined[key] && (coarse[key] != 0 || coarse[key | 0x8000] != 0)) {
                return COARSE_WIDTH;
            }
        }
        return fine == null ? 0 : fine.maxCellWidth();
    }
}
