package org.jaynes.dynamics.run;

import java.util.Locale;
import org.jaynes.core.Checks;

/**
 * How the agents of the connection game revise their bins (docs/theory.md §6.1). Time is counted in sweeps: in
 * one sweep the agent dynamics make M revisions (each agent revises once on average, the revising agent
 * drawn uniformly at random); for the replicator one sweep is one unit of time.
 * <ul>
 *   <li>{@link BetterResponse}: the agent tries one other bin, drawn uniformly, and moves if its utility
 *       rises. Every move raises M·φ by exactly the gain; the run ends when no agent can gain.</li>
 *   <li>{@link BestResponse}: the agent moves to the bin that gives it the highest utility, if that beats
 *       staying (ties go to the lower bin).</li>
 *   <li>{@link Logit}: the agent takes bin k with probability ∝ exp(h_k / T), h_k the utility it would have
 *       there (its own bin included), the log-linear learning of Blume (1993),
 *       doi:10.1006/game.1993.1023. Its rest point maximises φ + T·H, x^T ∝ exp(u / (1 + T)), which is x*
 *       only as T → 0: noise widens the lognormal to σ√(1 + T).</li>
 *   <li>{@link Replicator}: dx_k/dt = x_k (h_k − h̄) for shares (M → ∞), h_k = u_k − ln x_k − ln M,
 *       integrated by the exponential Euler rule x_k ← x_k e^{Δt (h_k − h̄)} / Σ (each kind renormalised):
 *       positive, on the simplex, with x* as its exact fixed point; for one kind, ln x_k − ln x*_k (up to a
 *       constant) contracts by (1 − Δt) per step where the exact flow gives e^{−Δt}.</li>
 * </ul>
 */
public sealed interface Dynamics {

    /** The command-line and JSON spelling. */
    String label();

    /** The rule, in words, for reports. */
    String rule();

    /** Sweeps the run may take by default: 10,000 unless the dynamics says otherwise. */
    default long defaultMaxSweeps() {
        return 10_000;
    }

    /** The arbitrage gap below which the run stops, by default (0: never on the gap alone, unless overridden). */
    default double defaultTolerance() {
        return 0;
    }

    /** Whether the dynamics is an agent dynamics (finite M, counts) rather than one of shares. */
    default boolean agents() {
        return true;
    }

    /** The dynamics named by {@code label} with default parameters. */
    static Dynamics parse(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "better-response" -> new BetterResponse();
            case "best-response" -> new BestResponse();
            case "logit" -> new Logit(Logit.DEFAULT_TEMPERATURE);
            case "replicator" -> new Replicator(Replicator.DEFAULT_STEP);
            default -> throw new IllegalArgumentException("expected one of better-response, best-response, logit, "
                    + "replicator, not '" + label + "'");
        };
    }

    /** A random agent tries a random other bin and moves if its utility rises. */
    record BetterResponse() implements Dynamics {
        @Override
        public String label() {
            return "better-response";
        }

        @Override
        public String rule() {
            return "a uniformly random agent tries a uniformly random other bin and moves if its utility rises";
        }
    }

    /** A random agent moves to its best bin if that beats staying. */
    record BestResponse() implements Dynamics {
        @Override
        public String label() {
            return "best-response";
        }

        @Override
        public String rule() {
            return "a uniformly random agent moves to the bin of highest utility for it, if that beats staying";
        }
    }

    /**
     * Log-linear learning at temperature T.
     *
     * @param temperature T &gt; 0
     */
    record Logit(double temperature) implements Dynamics {

        public static final double DEFAULT_TEMPERATURE = 0.01;

        public Logit {
            Checks.positiveFinite("the temperature", temperature);
        }

        @Override
        public String label() {
            return "logit";
        }

        @Override
        public String rule() {
            return String.format(Locale.ROOT, "a uniformly random agent takes bin k with probability proportional "
                    + "to exp(h_k / T), T = %s, h_k its utility there (own bin included)", temperature);
        }

        @Override
        public long defaultMaxSweeps() {
            return 30;
        }
    }

    /**
     * The replicator equation with exponential Euler steps.
     *
     * @param step Δt in (0, 1]
     */
    record Replicator(double step) implements Dynamics {

        public static final double DEFAULT_STEP = 0.1;

        public Replicator {
            if (!(step > 0 && step <= 1)) {
                throw new IllegalArgumentException("the replicator step must be in (0, 1], not " + step);
            }
        }

        @Override
        public String label() {
            return "replicator";
        }

        @Override
        public String rule() {
            return String.format(Locale.ROOT, "dx_k/dt = x_k (h_k - mean h) per kind, exponential Euler: "
                    + "x_k <- x_k exp(dt (h_k - mean h)), renormalised, dt = %s", step);
        }

        @Override
        public long defaultMaxSweeps() {
            return 1_000;
        }

        @Override
        public double defaultTolerance() {
            return 1e-12;
        }

        @Override
        public boolean agents() {
            return false;
        }
    }
}
