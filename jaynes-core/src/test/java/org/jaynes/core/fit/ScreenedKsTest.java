package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.jaynes.core.stats.CellColumns;
import org.jaynes.core.stats.CopiedCells;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.KsDistance;
import org.jaynes.core.stats.StoredValues;
import org.jaynes.core.stats.ValueCells;
import org.jaynes.core.tensor.DType;

/**
 * The screened KS distances against the simple oracle, {@link KsDistance#of} over every fine cell: the
 * screens only drop cells that cannot change either bound, so value and error bound are equal exactly.
 * Seeds are drawn by jqwik and repeated in every message.
 */
class ScreenedKsTest {

    @Property(tries = 40)
    void magnitudeDistancesEqualTheFullComputation(@ForAll("dtype") DType dtype,
                                                   @ForAll @IntRange(min = 2, max = 60_000) int n,
                                                   @ForAll @DoubleRange(min = 0.2, max = 2) double sigma,
                                                   @ForAll @DoubleRange(min = -0.2, max = 0.2) double offset,
                                                   @ForAll long seed) {
        FitInput input = sample(dtype, n, sigma, seed);
        ValueCells cells = input.cells();
        double mu = input.meanLog();
        double s = Math.sqrt(input.varianceLog());
        List<DoubleUnaryOperator> cdfs = List.of(
                new LognormalLaw(mu, s)::cumulativeProbabilityAtLog,
                new LognormalLaw(mu + offset * s, s * (1 + offset))::cumulativeProbabilityAtLog,
                GammaLaw.fit(input)::cumulativeProbabilityAtLog,
                HalfNormalLaw.fit(input)::cumulativeProbabilityAtLog);
        String context = String.format(Locale.ROOT, "seed %d, %s, n %d, sigma %.17g, offset %.17g", seed, dtype, n,
                sigma, offset);
        assertScreenedEqualsFull(CoarseCells.ofMagnitudes(input), input.n(), cdfs, cells::forEachCell,
                CopiedCells.of(cells).magnitudeColumns().orElseThrow(), context);
    }

    @Property(tries = 40)
    void signedDistancesEqualTheFullComputation(@ForAll("dtype") DType dtype,
                                                @ForAll @IntRange(min = 2, max = 60_000) int n,
                                                @ForAll @DoubleRange(min = 0.2, max = 2) double sigma,
                                                @ForAll @DoubleRange(min = 0.5, max = 3) double beta,
                                                @ForAll long seed) {
        FitInput input = sample(dtype, n, sigma, seed);
        ValueCells cells = input.cells();
        List<DoubleUnaryOperator> cdfs = List.of(
                NormalLaw.fit(input)::cumulativeProbability,
                LaplaceLaw.fit(input)::cumulativeProbability,
                new GenNormLaw(beta, Math.sqrt(input.meanSquare()))::cumulativeProbability);
        String context = String.format(Locale.ROOT, "seed %d, %s, n %d, sigma %.17g, beta %.17g", seed, dtype, n,
                sigma, beta);
        assertScreenedEqualsFull(CoarseCells.ofSigned(cells), input.n(), cdfs, cells::forEachSignedCell,
                CopiedCells.of(cells).signedColumns().orElseThrow(), context);
    }

    @Provide
    Arbitrary<DType> dtype() {
        return Arbitraries.of(DType.F64, DType.F32, DType.F16);
    }

    @Example
    void aLawWithNaNParametersHasANaNDistance() {
        FitInput input = sample(DType.F32, 1000, 1, 7);
        ScreenedKs screen = new ScreenedKs(CoarseCells.ofMagnitudes(input), input.n(),
                List.of(new LognormalLaw(Double.NaN, 1)::cumulativeProbabilityAtLog));
        input.cells().forEachCell(screen.collector());
        KsDistance distance = screen.distances(input.cells()::forEachCell).get(0);
        assertTrue(Double.isNaN(distance.value()));
        assertEquals(0, screen.kept());
    }

    /** The screened distances, with the fine cells copied by a walk and read in place, equal the oracle's. */
    private static void assertScreenedEqualsFull(CoarseCells coarse, long n, List<DoubleUnaryOperator> cdfs,
                                                 Consumer<ValueCells.CellConsumer> fineCells, CellColumns columns,
                                                 String context) {
        ScreenedKs screen = new ScreenedKs(coarse, n, cdfs);
        fineCells.accept(screen.collector());
        List<KsDistance> screened = screen.distances(fineCells);
        ScreenedKs inPlace = new ScreenedKs(coarse, n, cdfs);
        inPlace.take(Optional.of(columns), walk -> {
            throw new AssertionError("cells held in arrays are not walked");
        });
        List<KsDistance> read = inPlace.distances(fineCells);
        ScreenedKs tight = new ScreenedKs(coarse, n, cdfs, 3);
        fineCells.accept(tight.collector());
        List<KsDistance> fallback = tight.distances(fineCells);
        for (int law = 0; law < cdfs.size(); law++) {
            KsDistance full = KsDistance.of(fineCells, n, cdfs.get(law));
            assertEquals(full, screened.get(law), context + ", law " + law + ", kept " + screen.kept());
            assertEquals(full, fallback.get(law), context + ", law " + law + ", over every cell");
            assertEquals(full, read.get(law), context + ", law " + law + ", read in place");
        }
    }

    /** ±LN(−3, σ²) values stored as {@code dtype}, through the production accumulator. */
    private static FitInput sample(DType dtype, int n, double sigma, long seed) {
        double[] values = StoredValues.logNormal(StoredValues.random(seed), n, -3, sigma);
        return StoredValues.of(dtype, values).accumulate().fitInput();
    }
}
