package org.jaynes.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.HopfieldReport;
import org.jaynes.dynamics.hopfield.Capacity;
import org.jaynes.dynamics.hopfield.CapacityOptions;
import org.jaynes.dynamics.hopfield.CapacityResult;
import org.jaynes.dynamics.hopfield.Storage;
import org.jaynes.report.html.NeuronGamePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaynes hopfield capacity}: the recall rate of Hopfield networks against the load P/N. */
@Command(name = "capacity",
        header = "The recall rate of a Hopfield network against the load P/N",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stores P random patterns in networks of several sizes N, probes each with corrupted copies "
                + "and reports the share recalled against the load P/N, showing the 0.138 N limit of Hebbian storage "
                + "(docs/theory.md section 7). 'jaynes hopfield --capacity' is the same command."},
        footer = {"", "Examples:",
                "  jaynes hopfield capacity --sizes 100,300,1000 --html capacity.html",
                "  jaynes hopfield capacity --storage pseudo-inverse --loads 0.1,0.3,0.5 --noise 0.05"})
final class CapacityCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", paramLabel = "N,...", split = ",", description = "network sizes (default: "
            + "100,300,1000)")
    private List<Integer> sizes;

    @Option(names = "--loads", paramLabel = "A,...", split = ",", description = "loads P/N (default: 0.04 to 0.24)")
    private List<Double> loads;

    @Option(names = "--trials", paramLabel = "N", description = "probes per point (default: ${DEFAULT-VALUE})")
    private int trials = CapacityOptions.DEFAULTS.trials();

    @Mixin
    private HopfieldNetworkOptions network;

    @Mixin
    private ReportOptions reports;

    @Override
    public Integer call() throws IOException, UsageException {
        ReportOptions.Targets targets = reports.targets();
        Storage rule = network.storage();
        CapacityOptions options = UsageException.fromOptions("--capacity", () -> new CapacityOptions(
                sizes == null ? CapacityOptions.DEFAULTS.sizes() : sizes,
                loads == null ? CapacityOptions.DEFAULTS.loads() : loads, rule,
                network.noise(CapacityOptions.DEFAULTS.noise()), trials, network.sweeps, network.seed()));
        StatusLine status = reports.progressShown() ? new StatusLine(System.err) : null;
        CapacityResult result = Capacity.run(options, status != null ? (p, done, total) -> status.show(
                "N = %d, load %.3f: %d of %d", p.neurons(), p.load(), done, total) : Capacity.Progress.NONE);
        if (status != null) {
            status.clear();
        }
        targets.write(spec.commandLine().getOut(), writer -> HopfieldReport.writeCapacity(result, writer),
                writer -> NeuronGamePage.write(HopfieldReport.capacityPage(result), Main.version(), writer),
                printer -> HopfieldReport.printCapacity(result, printer));
        return Main.OK;
    }
}
