package org.jaynes.core.stats;

/**
 * Cells held in arrays, in walk order: cell {@code i < size} spans {@code [low[i], high[i])} and holds
 * {@code count[i]} values. The arrays are those of the cells' holder, not copies: a reader reads them and
 * never writes them. What lets a KS screen index the fine cells it needs instead of copying them.
 */
public record CellColumns(double[] low, double[] high, long[] count, int size) {
}
