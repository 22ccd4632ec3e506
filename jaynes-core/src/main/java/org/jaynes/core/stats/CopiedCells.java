package org.jaynes.core.stats;

/**
 * A copy of a population's cells, both views, that no later {@code accept}, {@code merge} or
 * {@code refine} of the accumulator they came from can change: what makes a population's summary
 * immutable. The cells of a {@link RefiningAccumulator} hand over the arrays their walks build anyway;
 * others are copied: from the arrays that hold them, else into arrays sized by a first walk.
 */
public final class CopiedCells implements ValueCells {

    private final CellArrays magnitudes;
    private final CellArrays signed;
    private final double maxCellWidth;

    CopiedCells(CellArrays magnitudes, CellArrays signed, double maxCellWidth) {
        this.magnitudes = magnitudes;
        this.signed = signed;
        this.maxCellWidth = maxCellWidth;
    }

    public static CopiedCells of(ValueCells cells) {
        if (cells instanceof CopiedCells copied) {
            return copied;
        }
        if (cells instanceof RefinedCells refined) {
            return refined.copy();
        }
        CellArrays magnitudes = cells.magnitudeColumns().map(CellArrays::copyOf)
                .orElseGet(() -> CellArrays.walked(cells::forEachCell));
        CellArrays signed = cells.signedColumns().map(CellArrays::copyOf)
                .orElseGet(() -> CellArrays.walked(cells::forEachSignedCell));
        return new CopiedCells(magnitudes, signed, cells.maxCellWidth());
    }

    @Override
    public void forEachCell(CellConsumer consumer) {
        magnitudes.forEach(consumer);
    }

    @Override
    public void forEachSignedCell(CellConsumer consumer) {
        signed.forEach(consumer);
    }

    @Override
    public java.util.Optional<CellColumns> magnitudeColumns() {
        return java.util.Optional.of(magnitudes.columns());
    }

    @Override
    public java.util.Optional<CellColumns> signedColumns() {
        return java.util.Optional.of(signed.columns());
    }

    @Override
    public double maxCellWidth() {
        return maxCellWidth;
    }
}
