package org.jaynes.dynamics.hopfield;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The recall rate against the load, per network size.
 *
 * @param options the experiment
 * @param points  one per (N, α), sizes outer, loads inner, in the options' order
 */
public record CapacityResult(CapacityOptions options, List<Point> points) {

    /** The Hebbian capacity of Amit, Gutfreund and Sompolinsky (1987) for N → ∞. */
    public static final double HEBBIAN_LIMIT = 0.138;

    /**
     * One (N, α).
     *
     * @param neurons           N
     * @param load              α as asked
     * @param patterns          P = max(1, round(α N)), so the true load is P/N
     * @param probes            probes made
     * @param recallRate        share with final overlap ≥ {@link RecallOptions#RECALLED}
     * @param fixedPatternRate  share of probed patterns that are fixed points themselves
     * @param meanFinalOverlap  mean overlap after relaxation
     */
    public record Point(int neurons, double load, int patterns, int probes, double recallRate,
                        double fixedPatternRate, double meanFinalOverlap) {
    }

    public CapacityResult {
        points = List.copyOf(points);
    }

    /**
     * The load where the recall rate of size N first falls through ½, interpolated linearly in the loads as
     * asked; empty when it never does (or the first load is already below ½).
     */
    public OptionalDouble criticalLoad(int neurons) {
        Point before = null;
        for (Point p : points) {
            if (p.neurons() != neurons) {
                continue;
            }
            if (p.recallRate() < 0.5) {
                if (before == null) {
                    return OptionalDouble.empty();
                }
                double t = (before.recallRate() - 0.5) / (before.recallRate() - p.recallRate());
                return OptionalDouble.of(before.load() + t * (p.load() - before.load()));
            }
            before = p;
        }
        return OptionalDouble.empty();
    }
}
