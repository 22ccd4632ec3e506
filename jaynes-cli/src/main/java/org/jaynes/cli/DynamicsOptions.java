package org.jaynes.cli;

import org.jaynes.core.Checks;
import org.jaynes.dynamics.run.Dynamics;
import picocli.CommandLine.Option;

/** {@code --dynamics} with the parameters of its rules, {@code --temperature} and {@code --step} (a mixin). */
final class DynamicsOptions {

    @Option(names = "--dynamics", paramLabel = "RULE", description = "better-response, best-response, logit or "
            + "replicator (default: better-response)", converter = OptionConverters.DynamicsRule.class)
    private Dynamics dynamics = Dynamics.parse("better-response");

    @Option(names = "--temperature", paramLabel = "T", description = "logit's temperature T > 0 (default: "
            + Dynamics.Logit.DEFAULT_TEMPERATURE + "); its rest point is exp(u/(1+T)), x* only as T -> 0")
    private Double temperature;

    @Option(names = "--step", paramLabel = "DT", description = "the replicator's step in (0, 1] (default: "
            + Dynamics.Replicator.DEFAULT_STEP + ")")
    private Double step;

    /** The rule, with its temperature or step when given; refuses a parameter of another rule. */
    Dynamics rule() throws UsageException {
        Dynamics rule = dynamics;
        if (temperature != null) {
            if (!(rule instanceof Dynamics.Logit)) {
                throw new UsageException("--temperature applies to --dynamics logit only");
            }
            UsageException.check(() -> Checks.positiveFinite("--temperature", temperature));
            rule = new Dynamics.Logit(temperature);
        }
        if (step != null) {
            if (!(rule instanceof Dynamics.Replicator)) {
                throw new UsageException("--step applies to --dynamics replicator only");
            }
            if (!(step > 0 && step <= 1)) {
                throw new UsageException("--step must be in (0, 1], not " + step);
            }
            rule = new Dynamics.Replicator(step);
        }
        return rule;
    }
}
