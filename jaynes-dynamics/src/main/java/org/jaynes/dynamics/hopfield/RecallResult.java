package org.jaynes.dynamics.hopfield;

import java.util.List;

/**
 * The outcome of a recall experiment.
 *
 * @param options the experiment
 * @param probes  one per stored pattern, in order
 */
public record RecallResult(RecallOptions options, List<Probe> probes) {

    public RecallResult {
        probes = List.copyOf(probes);
    }

    /** The share of probes recalled (final overlap ≥ {@link RecallOptions#RECALLED}). */
    public double recallRate() {
        return probes.stream().filter(Probe::recalled).count() / (double) probes.size();
    }

    /** The share of patterns recovered bit for bit. */
    public double exactRate() {
        return probes.stream().filter(Probe::exact).count() / (double) probes.size();
    }

    /** The share of stored patterns that are themselves fixed points. */
    public double fixedPatternRate() {
        return probes.stream().filter(Probe::storedIsFixed).count() / (double) probes.size();
    }

    public double meanStartOverlap() {
        return probes.stream().mapToDouble(Probe::startOverlap).average().orElseThrow();
    }

    public double meanFinalOverlap() {
        return probes.stream().mapToDouble(Probe::finalOverlap).average().orElseThrow();
    }

    public double meanSweeps() {
        return probes.stream().mapToDouble(p -> p.relaxation().sweeps()).average().orElseThrow();
    }
}
