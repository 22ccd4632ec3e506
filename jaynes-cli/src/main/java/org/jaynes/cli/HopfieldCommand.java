package org.jaynes.cli;


import java.io.IOException;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.HopfieldReport;
import org.jaynes.dynamics.hopfield.Recall;
import org.jaynes.dynamics.hopfield.RecallOptions;
import org.jaynes.dynamics.hopfield.RecallResult;
import org.jaynes.dynamics.hopfield.Storage;
import org.jaynes.dynamics.neurons.UpdateOrder;
import org.jaynes.report.html.NeuronGamePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaynes hopfield}: associative recall of a Hopfield network, the neuron game at T = 0. */
@Command(name = "hopfield",
        header = "Store and recall patterns in a Hopfield network; 'hopfield capacity' measures its capacity",
        mixinStandardHelpOptions = true, sortOptions = false, subcommands = CapacityCommand.class,
        description = {"Stores random patterns in a Hopfield network (the neuron game of docs/theory.md section 7: "
                + "u_i = s_i h_i, potential phi = -E, best response = the Hopfield update), corrupts each, lets "
                + "the network relax and reports the recall: overlaps, sweeps, energy traces.",
                "", "'hopfield capacity' (or 'hopfield --capacity'): the recall rate against the load P/N for "
                + "several N; see 'jaynes hopfield capacity --help'."},
        footer = {"", "Examples:",
                "  jaynes hopfield --neurons 200 --patterns 20 --noise 0.1 --json -",
                "  jaynes hopfield --storage pseudo-inverse --patterns 100 --update synchronous",
                "  jaynes hopfield capacity --sizes 100,300,1000 --html capacity.html"})
final class HopfieldCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--neurons", paramLabel = "N", description = "neurons (default: ${DEFAULT-VALUE})")
    private int neurons = RecallOptions.DEFAULTS.neurons();

    @Option(names = "--patterns", paramLabel = "P", description = "stored random patterns (default: ${DEFAULT-VALUE})")
    private int patterns = RecallOptions.DEFAULTS.patterns();

    @Option(names = "--update", paramLabel = "ORDER", description = "asynchronous (the game's best response) or "
            + "synchronous (default: asynchronous)", converter = OptionConverters.Order.class)
    private UpdateOrder order = UpdateOrder.parse("asynchronous");

    @Mixin
    private HopfieldNetworkOptions network;

    @Mixin
    private ReportOptions reports;

    @Override
    public Integer call() throws IOException, UsageException {
        ReportOptions.Targets targets = reports.targets();
        Storage rule = network.storage();
        RecallOptions options = UsageException.fromOptions("options", () -> new RecallOptions(neurons, patterns,
                network.noise(RecallOptions.DEFAULTS.noise()), rule, order, network.sweeps, network.seed()));
        RecallResult result;
        try {
            result = Recall.run(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        targets.write(spec.commandLine().getOut(), writer -> HopfieldReport.writeRecall(result, writer),
                writer -> NeuronGamePage.write(HopfieldReport.recallPage(result), Main.version(), writer),
                printer -> HopfieldReport.printRecall(result, printer));
        return Main.OK;
    }
}
