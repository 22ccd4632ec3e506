package org.jaynes.dynamics.hopfield;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.dynamics.neurons.NeuronGame;
import org.jaynes.dynamics.neurons.NeuronNetwork;
import org.jaynes.dynamics.neurons.Relaxation;

/**
 * Associative recall in a Hopfield network, the neuron game at T = 0. Example:
 * <pre>{@code
 * RecallResult r = Recall.run(RecallOptions.DEFAULTS.withNeurons(200).withPatterns(20).withNoise(0.1));
 * r.recallRate();   // 1.0 at this load (0.1, below 0.138)
 * }</pre>
 * One XoRoShiRo128++ generator seeded with the options' seed draws the patterns, then for each pattern in turn
 * the corruption and the update orders: the same options give the same result, bit for bit.
 * Cost: the storage rule's, plus N² per probe for the fields and N per flip. Single-threaded.
 */
public final class Recall {

    private Recall() {
    }

    public static RecallResult run(RecallOptions options) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed());
        byte[][] patterns = Patterns.random(options.patterns(), options.neurons(), rng);
        NeuronGame game = options.storage().store(patterns);
        return new RecallResult(options, probe(game, patterns, patterns.length, options, rng));
    }

    /** Probes the first {@code count} patterns stored in {@code game}. */
    static List<Probe> probe(NeuronGame game, byte[][] patterns, int count, RecallOptions options,
                             UniformRandomProvider rng) {
        List<Probe> probes = new ArrayList<>(count);
        NeuronNetwork network = new NeuronNetwork(game, patterns[0], rng);
        for (int mu = 0; mu < count; mu++) {
            network.set(patterns[mu]);
            boolean fixed = network.isFixedPoint();
            byte[] start = Patterns.corrupt(patterns[mu], options.noise(), rng);
            network.set(start);
            Relaxation relaxation = network.relax(options.order(), options.maxSweeps());
            probes.add(new Probe(mu, fixed, Patterns.overlap(start, patterns[mu]),
                    Patterns.overlap(relaxation.state(), patterns[mu]), relaxation));
        }
        return probes;
    }
}
