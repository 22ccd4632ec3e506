package org.jaynes.dynamics.hopfield;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.neurons.NeuronGame;

/**
 * The capacity experiment: recall rate against load P/N for several N. With Hebbian storage the rate falls
 * from 1 to 0 around α ≈ 0.138 (sharper as N grows; small networks hold somewhat more); with the pseudo-inverse
 * rule every pattern stays a fixed point up to α = 1, though the basins shrink. One seeded XoRoShiRo128++
 * generator, used in a fixed order: the same options give the same result, bit for bit. Single-threaded.
 * Cost per (N, α): (trials / P + 1) storages of N² P / 2 plus trials · N² for the probes.
 */
public final class Capacity {

    /** Called after every (N, α), for progress on a terminal. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (point, done, total) -> { };

        void point(CapacityResult.Point point, int done, int total);
    }

    private Capacity() {
    }

    public static CapacityResult run(CapacityOptions options, Progress progress) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed());
        List<CapacityResult.Point> points = new ArrayList<>();
        int total = options.sizes().size() * options.loads().size();
        for (int n : options.sizes()) {
            for (double load : options.loads()) {
                int p = (int) Math.max(1, Math.round(load * n));
                RecallOptions recall = new RecallOptions(n, p, options.noise(), options.storage(),
                        org.jaynes.dynamics.neurons.UpdateOrder.ASYNCHRONOUS, options.maxSweeps(), options.seed());
                int probes = 0;
                int recalled = 0;
                int fixed = 0;
                double overlap = 0;
                while (probes < options.trials()) {
                    byte[][] patterns = Patterns.random(p, n, rng);
                    NeuronGame game = options.storage().store(patterns);
                    int count = Math.min(p, options.trials() - probes);
                    for (Probe probe : Recall.probe(game, patterns, count, recall, rng)) {
                        recalled += probe.recalled() ? 1 : 0;
                        fixed += probe.storedIsFixed() ? 1 : 0;
                        overlap += probe.finalOverlap();
                    }
                    probes += count;
                }
                CapacityResult.Point point = new CapacityResult.Point(n, load, p, probes, recalled / (double) probes,
                        fixed / (double) probes, overlap / probes);
                points.add(point);
                progress.point(point, points.size(), total);
            }
        }
        return new CapacityResult(options, points);
    }
}
