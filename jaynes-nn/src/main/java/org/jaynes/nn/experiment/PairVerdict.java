package org.jaynes.nn.experiment;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Whether two initialisers' final mean test accuracies differ by more than their seeds spread:
 * Δ = mean_a − mean_b is called a difference when |Δ| &gt; {@value #FACTOR}·√(sd_a²/n_a + sd_b²/n_b), twice
 * the standard error of Δ (about a 95% band for normal seed noise; a screen, not a test with a stated level,
 * since a few seeds estimate sd poorly). Undetermined when either side has fewer than two seeds or a NaN.
 *
 * @param first      the initialiser compared ({@code lognormal})
 * @param second     the one it is compared with ({@code he})
 * @param metric     what is compared ({@code testAccuracy})
 * @param difference mean_first − mean_second
 * @param threshold  {@value #FACTOR}·√(sd_a²/n_a + sd_b²/n_b)
 * @param outcome    the verdict
 */
public record PairVerdict(String first, String second, String metric, double difference, double threshold,
                          Outcome outcome) {

    /** Multiple of the standard error of Δ that a difference must exceed. */
    public static final double FACTOR = 2.0;

    /** The rule, as reports state it. */
    public static final String RULE = "a difference when |mean_a - mean_b| > 2*sqrt(sd_a^2/n_a + sd_b^2/n_b) "
            + "(sd over seeds, n - 1)";

    /** The three verdicts. */
    public enum Outcome {
        /** |Δ| exceeds the threshold and the first is higher. */
        FIRST_BETTER,
        /** |Δ| exceeds the threshold and the second is higher. */
        SECOND_BETTER,
        /** |Δ| does not exceed the threshold. */
        WITHIN_SPREAD,
        /** Fewer than two seeds on a side, or NaN. */
        UNDETERMINED;

        /** Lower case with dashes, as reports print it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Compares {@code a} (named {@code first}) with {@code b} (named {@code second}) on {@code metric}. */
    public static PairVerdict of(String first, SeedSpread.Summary a, String second, SeedSpread.Summary b,
                                 String metric) {
        double difference = a.mean() - b.mean();
        double threshold = Double.NaN;
        if (a.n() >= 2 && b.n() >= 2) {
            threshold = FACTOR * Math.sqrt(a.standardDeviation() * a.standardDeviation() / a.n()
                    + b.standardDeviation() * b.standardDeviation() / b.n());
        }
        Outcome outcome;
        if (!(Math.abs(difference) >= 0) || !(threshold >= 0)) {
            outcome = Outcome.UNDETERMINED;
        } else if (Math.abs(difference) > threshold) {
            outcome = difference > 0 ? Outcome.FIRST_BETTER : Outcome.SECOND_BETTER;
        } else {
            outcome = Outcome.WITHIN_SPREAD;
        }
        return new PairVerdict(first, second, metric, difference, threshold, outcome);
    }

    /** One sentence: "lognormal vs he: +0.0123 accuracy, threshold 0.0040: lognormal better". */
    public String sentence() {
        return String.format(Locale.ROOT, "%s vs %s: difference %+.4f, threshold %.4f: %s", first, second,
                difference, threshold, outcomeText(UnaryOperator.identity()));
    }

    /**
     * The outcome in words, "he better, beyond the seed spread", with the better side's name as
     * {@code display} gives it (a page may spell the arms for people).
     */
    public String outcomeText(UnaryOperator<String> display) {
        return switch (outcome) {
            case FIRST_BETTER -> display.apply(first) + " better, beyond the seed spread";
            case SECOND_BETTER -> display.apply(second) + " better, beyond the seed spread";
            case WITHIN_SPREAD -> "no difference beyond the seed spread";
            case UNDETERMINED -> "undetermined (needs at least two seeds)";
        };
    }
}
