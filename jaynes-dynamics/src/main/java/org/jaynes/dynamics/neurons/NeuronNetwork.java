package org.jaynes.dynamics.neurons;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.jaynes.core.Checks;
import org.jaynes.dynamics.run.Dynamics;

/**
 * The neuron game in play: a state s ∈ {−1, +1}^N and the local fields h_i = Σ_j w_ij s_j + θ_i, kept up to
 * date, revised by one of the game's dynamics ({@link Dynamics}, the same set as the connection game's):
 * <ul>
 *   <li>{@link Dynamics.BestResponse} and {@link Dynamics.BetterResponse} (the same for two choices): neuron i
 *       flips when that raises its utility, i.e. when s_i h_i &lt; 0: s_i ← sign h_i, the asynchronous Hopfield
 *       update. Φ rises by 2|h_i| at every flip and never falls; the run ends at a fixed point, where no
 *       neuron gains by flipping, a Nash equilibrium (h_i = 0 keeps the old value).</li>
 *   <li>{@link Dynamics.Logit} at temperature T: neuron i takes +1 with probability
 *       e^{h_i/T} / (e^{h_i/T} + e^{−h_i/T}) = 1 / (1 + e^{−2 h_i / T}), the heat-bath (Gibbs) update of the
 *       Boltzmann machine. Each update leaves P(s) ∝ e^{Φ(s)/T} = e^{−E(s)/T} invariant.</li>
 *   <li>{@link Dynamics.Replicator} is a dynamics of shares of a large population and has no meaning here.</li>
 * </ul>
 * A sweep visits every neuron once in a fresh uniformly random order (Fisher–Yates with the network's
 * generator). A flip of neuron j adds 2 s_j w_ij to every h_i: O(N), reading row j of W (= column j), no
 * allocation. The fields accumulate rounding over many flips (about N ulps of Σ|w| per flip at worst);
 * {@link #refreshFields} recomputes them and each relaxation starts with it. Exponentials are
 * {@link StrictMath}'s: the same seed gives the same run on every JVM. Not thread-safe.
 */
public final class NeuronNetwork {

    private final NeuronGame game;
    private final int n;
    private final double[] w;
    private final byte[] s;
    private final double[] field;
    private final int[] order;
    private final UniformRandomProvider rng;

    /** A network in state {@code start} (copied), revising in orders drawn from {@code rng}. */
    public NeuronNetwork(NeuronGame game, byte[] start, UniformRandomProvider rng) {
        game.checkState(start);
        this.game = game;
        this.n = game.neurons();
        this.w = game.sharedWeights();
        this.s = start.clone();
        this.field = new double[n];
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.rng = rng;
        refreshFields();
    }

    public NeuronGame game() {
        return game;
    }

    /** A copy of the state. */
    public byte[] state() {
        return s.clone();
    }

    /** s_i. */
    public int spin(int i) {
        return s[i];
    }

    /** Replaces the state (copied) and recomputes the fields. */
    public void set(byte[] state) {
        game.checkState(state);
        System.arraycopy(state, 0, s, 0, n);
        refreshFields();
    }

    /** h_i, as kept. */
    public double field(int i) {
        return field[i];
    }

    /** Recomputes every h_i from scratch: O(N²). */
    public void refreshFields() {
        for (int i = 0; i < n; i++) {
            double h = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                h += w[row + j] * s[j];
            }
            field[i] = h + game.threshold(i);
        }
    }

    /** Flips neuron j and updates every field. */
    public void flip(int j) {
        byte next = (byte) -s[j];
        s[j] = next;
        double delta = 2.0 * next;
        int row = j * n;
        for (int i = 0; i < n; i++) {
            field[i] += delta * w[row + i];
        }
    }

    /** E(s) from the kept fields: −½ Σ_i s_i (h_i + θ_i). */
    public double energy() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += s[i] * (field[i] + game.threshold(i));
        }
        return -sum / 2;
    }

    /** Φ(s) = −E(s). */
    public double potential() {
        return -energy();
    }

    /** Whether no neuron gains by flipping, by the kept fields. */
    public boolean isFixedPoint() {
        for (int i = 0; i < n; i++) {
            if (s[i] * field[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * One asynchronous sweep of {@code dynamics}: every neuron revises once, in a random order.
     *
     * @return the number of flips
     * @throws IllegalArgumentException for the replicator
     */
    public int sweep(Dynamics dynamics) {
        if (dynamics instanceof Dynamics.Logit logit) {
            return gibbsSweep(logit.temperature());
        }
        if (dynamics instanceof Dynamics.BestResponse || dynamics instanceof Dynamics.BetterResponse) {
            return bestResponseSweep();
        }
        throw new IllegalArgumentException("the neuron game's neurons are single players: " + dynamics.label()
                + " applies to shares of a population; use best-response, better-response or logit");
    }

    /** One sweep of the asynchronous Hopfield update (best response). */
    public int bestResponseSweep() {
        PermutationSampler.shuffle(rng, order);
        int flips = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (s[i] * field[i] < 0) {
                flip(i);
                flips++;
            }
        }
        return flips;
    }

    /** One sweep of the Gibbs sampler at temperature T &gt; 0 (logit response). */
    public int gibbsSweep(double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("the temperature must be positive, not " + temperature);
        }
        PermutationSampler.shuffle(rng, order);
        int flips = 0;
        double scale = -2 / temperature;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double up = 1 / (1 + StrictMath.exp(scale * field[i]));
            byte next = rng.nextDouble() < up ? (byte) 1 : (byte) -1;
            if (next != s[i]) {
                flip(i);
                flips++;
            }
        }
        return flips;
    }

    /**
     * One synchronous step: every neuron takes the sign of its field in the old state (h_i = 0 keeps s_i),
     * then the fields are recomputed (O(N²)).
     *
     * @return the number of flips
     */
    public int synchronousStep() {
        int flips = 0;
        for (int i = 0; i < n; i++) {
            if (s[i] * field[i] < 0) {
                s[i] = (byte) -s[i];
                flips++;
            }
        }
        if (flips > 0) {
            refreshFields();
        }
        return flips;
    }

    /**
     * Runs the deterministic dynamics (T = 0) until a fixed point, a two-cycle (synchronous only) or
     * {@code maxSweeps} sweeps, recording the energy after every sweep.
     */
    public Relaxation relax(UpdateOrder updateOrder, int maxSweeps) {
        Checks.nonNegative("the sweep budget", maxSweeps);
        refreshFields();
        double[] trace = new double[(int) Math.min(maxSweeps + 1L, 64)];
        trace[0] = energy();
        byte[] twoBefore = updateOrder == UpdateOrder.SYNCHRONOUS ? s.clone() : null;
        byte[] before = updateOrder == UpdateOrder.SYNCHRONOUS ? s.clone() : null;
        long flips = 0;
        int sweeps = 0;
        Relaxation.End end = Relaxation.End.SWEEP_LIMIT;
        while (true) {
            if (isFixedPoint()) {
                end = Relaxation.End.FIXED_POINT;
                break;
            }
            if (sweeps >= maxSweeps) {
                break;
            }
            if (updateOrder == UpdateOrder.ASYNCHRONOUS) {
                flips += bestResponseSweep();
            } else {
                System.arraycopy(before, 0, twoBefore, 0, n);
                System.arraycopy(s, 0, before, 0, n);
                flips += synchronousStep();
            }
            sweeps++;
            if (sweeps == trace.length) {
                trace = Arrays.copyOf(trace, (int) Math.min(2L * trace.length, maxSweeps + 1L));
            }
            trace[sweeps] = energy();
            if (updateOrder == UpdateOrder.SYNCHRONOUS && sweeps >= 2 && Arrays.equals(s, twoBefore)
                    && !Arrays.equals(s, before)) {
                end = Relaxation.End.TWO_CYCLE;
                break;
            }
        }
        return new Relaxation(s.clone(), sweeps, flips, end, Arrays.copyOf(trace, sweeps + 1));
    }
}
