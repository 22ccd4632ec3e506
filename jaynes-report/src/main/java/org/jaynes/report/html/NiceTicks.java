package org.jaynes.report.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.Checks;

/**
 * Tick marks for an axis: multiples of a "nice" step 1, 2 or 5 × 10^k chosen so that about
 * {@code target} ticks (between 2/3 and 3/2 as many) fall inside [min, max], and their labels.
 *
 * <p>Each tick is computed as an integer multiple of the step (never by repeated addition), so 0 is
 * exactly 0 and no label shows rounding noise. Labels of one axis share one notation: plain with as many
 * decimals as the step needs ({@code 0.05, 0.10, 0.15}), or, when the largest tick is 10⁵ or more or the
 * step below 10⁻³, scientific to 3 significant digits ({@code 2e-4, 4e-4}). Locale-independent; minus
 * signs are U+2212.
 *
 * @param step  the distance between ticks, 1, 2 or 5 × 10^k
 * @param first index of the first tick: its value is {@code first × step}
 * @param count ticks, at least 1
 */
public record NiceTicks(double step, long first, int count) {

    public NiceTicks {
        Checks.positiveFinite("step", step);
        Checks.atLeast("count", count, 1);
    }

    /**
     * Ticks inside [min, max]. A range of zero width is widened around its value first.
     *
     * @param target   about how many ticks are wanted, at least 2
     * @param integers true when only whole numbers make sense (layer indices): the step is at least 1
     * @throws IllegalArgumentException when min or max is not finite or min &gt; max
     */
    public static NiceTicks of(double min, double max, int target, boolean integers) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("need a finite range min <= max, not [" + min + ", " + max + "]");
        }
        Checks.atLeast("target", target, 2);
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / target);
        if (integers) {
            step = Math.max(1, step);
        }
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        if (last < first) {
            last = first;
        }
        return new NiceTicks(step, first, (int) (last - first + 1));
    }

    /**
     * The step 1, 2 or 5 × 10^k nearest to {@code raw} (positive) on a log scale, rounding as Heckbert's
     * "nice numbers" do (Graphics Gems, 1990): mantissas below 1.5 give 1, below 3 give 2, below 7 give 5.
     */
    static double niceStep(double raw) {
        int exponent = (int) Math.floor(Math.log10(raw));
        double normalized = raw / Math.pow(10, exponent);
        int nice = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10;
        // The double nearest to nice × 10^exponent: Math.pow(10, -6) × 10 is 9.999999999999999e-6.
        return BigDecimal.valueOf(nice).scaleByPowerOfTen(exponent).doubleValue();
    }

    /** The tick values, ascending. */
    public double[] values() {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = value(first + i);
        }
        return values;
    }

    private double value(long index) {
        // index × step carries the rounding of step (0.1 is not exact); clean it at the step's decimals.
        int decimals = decimals();
        return decimals > 15 ? index * step
                : new BigDecimal(index).multiply(new BigDecimal(Double.toString(step)))
                        .setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The labels of {@link #values()}, in one notation. */
    public List<String> labels() {
        double[] values = values();
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        boolean scientific = largest >= 1e5 || step < 1e-3;
        // Enough significant digits to tell neighbours apart: 3, or more when the range is narrow.
        int digits = largest == 0 ? 3
                : Math.max(3, (int) (Math.floor(Math.log10(largest)) - Math.floor(Math.log10(step) + 1e-9)) + 1);
        List<String> labels = new ArrayList<>(count);
        for (double v : values) {
            if (v == 0) {
                labels.add("0");
            } else if (scientific) {
                labels.add(HumanNumbers.scientific(v, digits));
            } else {
                String plain = new BigDecimal(Double.toString(v)).setScale(decimals(), RoundingMode.HALF_EVEN)
                        .toPlainString();
                labels.add(plain.startsWith("-") ? "−" + plain.substring(1) : plain);
            }
        }
        return labels;
    }

    /** Decimals the step needs in plain notation: 0 for steps of 1 or more, 2 for 0.05. */
    private int decimals() {
        return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    }
}
