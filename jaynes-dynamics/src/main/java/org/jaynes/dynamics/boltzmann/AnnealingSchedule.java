package org.jaynes.dynamics.boltzmann;

/**
 * A geometric cooling schedule: sweep k of K runs at T_k = T_0 (T_end / T_0)^{k / (K − 1)}.
 *
 * @param initialTemperature T_0 &gt; 0
 * @param finalTemperature   T_end, 0 &lt; T_end ≤ T_0
 * @param sweeps             K ≥ 1 (with K = 1 the one sweep runs at T_0)
 */
public record AnnealingSchedule(double initialTemperature, double finalTemperature, int sweeps) {

    public static final AnnealingSchedule DEFAULT = new AnnealingSchedule(3, 0.05, 200);

    public AnnealingSchedule {
        if (!(initialTemperature > 0 && initialTemperature < Double.POSITIVE_INFINITY
                && finalTemperature > 0 && finalTemperature <= initialTemperature)) {
            throw new IllegalArgumentException("the schedule needs 0 < final <= initial < infinity, not "
                    + initialTemperature + " -> " + finalTemperature);
        }
        if (sweeps < 1) {
            throw new IllegalArgumentException("the schedule needs at least 1 sweep, not " + sweeps);
        }
    }

    /**
     * The schedule written {@code T0:T1:SWEEPS}, e.g. {@code 3:0.05:200}.
     *
     * @throws IllegalArgumentException saying what is wrong, after the option's name
     */
    public static AnnealingSchedule parse(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 3) {
                return new AnnealingSchedule(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                        Integer.parseInt(parts[2]));
            }
        } catch (NumberFormatException e) {
            // said below, as for a wrong number of parts
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a schedule: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("must be T0:T1:SWEEPS, e.g. 3:0.05:200, not '" + text + "'");
    }

    /** T_k. */
    public double temperature(int sweep) {
        if (sweeps == 1) {
            return initialTemperature;
        }
        return initialTemperature * StrictMath.pow(finalTemperature / initialTemperature,
                (double) sweep / (sweeps - 1));
    }
}
