package org.jaynes.cli;


import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.ExperimentReport;
import org.jaynes.core.Checks;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.experiment.Arm;
import org.jaynes.nn.experiment.InitExperiment;
import org.jaynes.nn.experiment.InitExperimentOptions;
import org.jaynes.nn.experiment.InitExperimentResult;
import org.jaynes.nn.experiment.PairVerdict;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.optim.OptimizerOptions;
import org.jaynes.report.html.InitExperimentPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaynes experiment}: controlled comparisons of training runs over seeds. For example
 * {@code jaynes experiment init --data teacher --epochs 3 --seeds 5}.
 */
@Command(name = "experiment",
        header = "Controlled comparisons of training runs over seeds",
        mixinStandardHelpOptions = true,
        description = "Controlled comparisons of training runs over seeds (docs/theory.md section 1, claim 7).",
        subcommands = ExperimentCommand.InitCommand.class)
final class ExperimentCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code jaynes experiment init}: initialisers compared over seeds. */
    @Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Trains the same network on the same data once per initialiser and seed (seed, seed+1, "
                    + "...), and reports test accuracy and loss per epoch as mean +- sd over seeds, each "
                    + "initialiser's final layer sigma and best law, and for each proposal of the theory (lognormal, "
                    + "fitted, a warm-up arm) against each other arm whether the final mean accuracies differ by more "
                    + "than the seed spread: " + PairVerdict.RULE + "."},
            footer = {"", "Examples:",
                    "  jaynes experiment init --epochs 3 --seeds 5                the teacher task",
                    "  jaynes experiment init --data /usr/share/datasets/fashion-mnist --epochs 1 --seeds 5 --json -",
                    "  jaynes experiment init --data /usr/share/datasets/fashion-mnist --conv 8,16 --seeds 3",
                    "                                                              every arm on the CNN",
                    "  jaynes experiment init --epochs 3 --seeds 5 --warmup 1     adds lognormal+warmup 1",
                    "  jaynes experiment init --inits he,fitted --init-from model.safetensors",
                    "  jaynes experiment init --epochs 5 --seeds 5 --html init.html"})
    static final class InitCommand implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private TrainingSetup setup;

        @Option(names = "--inits", paramLabel = "I,I,...", description = "initialisers compared: he, xavier, "
                + "lognormal, fitted (default: he,xavier,lognormal)", converter = OptionConverters.Inits.class)
        private List<InitChoice> inits = InitChoice.parseList("he,xavier,lognormal");

        @Option(names = "--warmup", paramLabel = "E", description = "add one arm: --warmup-init followed by a "
                + "distribution-only warm-up of E epochs (only each layer's mu, sigma and the biases learn), then free "
                + "training (default: 0, no such arm)")
        private int warmup;

        @Option(names = "--warmup-init", paramLabel = "I", description = "the initialiser the warm-up arm starts "
                + "from; he and xavier start from the lognormal fit of their draw (default: lognormal)",
                converter = OptionConverters.Init.class)
        private InitChoice warmupInit = InitChoice.parse("lognormal");

        @Option(names = "--seeds", paramLabel = "N", description = "runs per initialiser (default: "
                + InitExperimentOptions.DEFAULT_SEEDS + ")")
        private int seeds = InitExperimentOptions.DEFAULT_SEEDS;

        @Mixin
        private ReportOptions reports;

        @Override
        public Integer call() throws IOException, UsageException, ModelFormatException {
            ReportOptions.Targets targets = reports.targets();
            InitExperimentOptions validated = options();
            DataSplit split = setup.split();
            InitExperimentOptions options = new InitExperimentOptions(setup.forData(validated.training(), split),
                    validated.arms(), validated.seeds());
            TrainingPageInputs.SeedCurves seeds = new TrainingPageInputs.SeedCurves();
            InitExperimentResult result = InitExperiment.run(options, split, seeds);
            PrintWriter out = spec.commandLine().getOut();
            targets.write(out, writer -> ExperimentReport.writeJson(result, writer),
                    writer -> InitExperimentPage.write(TrainingPageInputs.of(result, seeds), Main.version(), writer),
                    printer -> ExperimentReport.print(result, printer));
            return Main.OK;
        }

        private InitExperimentOptions options() throws UsageException, ModelFormatException {
            int[] widths = setup.widths();
            setup.checkCounts();
            UsageException.check(() -> Checks.atLeast("--seeds", seeds, 1));
            setup.checkWarmup(warmup);
            List<InitChoice> choices = new ArrayList<>(inits);
            if (warmup > 0) {
                choices.add(warmupInit);
            }
            List<Initializer> initializers = setup.fitted().bind(choices, setup.sigma(), "--inits or --warmup-init");
            OptimizerOptions rule = setup.optimizer();
            try {
                List<Arm> arms = new ArrayList<>();
                for (int i = 0; i < initializers.size(); i++) {
                    arms.add(new Arm(initializers.get(i), i == initializers.size() - 1 ? warmup : 0));
                }
                return new InitExperimentOptions(setup.training(widths, rule), arms, seeds);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }
}
