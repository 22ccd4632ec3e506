package org.jaynes.dynamics.run;

/** Why a run ended. */
public enum StopReason {
    /** No agent can raise its utility by moving: a Nash equilibrium, the maximum of M·φ. */
    NO_IMPROVING_MOVE("no improving move"),
    /** The arbitrage gap fell below the tolerance. */
    GAP_BELOW_TOLERANCE("gap below tolerance"),
    /** The sweep budget ran out. */
    SWEEP_LIMIT("sweep limit");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The JSON spelling: {@code no-improving-move}, … */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
