package org.jaynes.cli;


import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jaynes.cli.output.SpinGlassReport;
import org.jaynes.dynamics.boltzmann.Annealing;
import org.jaynes.dynamics.boltzmann.AnnealingSchedule;
import org.jaynes.dynamics.neurons.NeuronGame;
import org.jaynes.dynamics.neurons.NeuronNetwork;
import org.jaynes.dynamics.neurons.UpdateOrder;
import org.jaynes.report.html.NeuronGamePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaynes boltzmann}: Gibbs sampling and annealing of the neuron game; {@code boltzmann rbm} trains an RBM. */
@Command(name = "boltzmann",
        header = "Anneal a spin glass; 'boltzmann rbm' trains a restricted Boltzmann machine",
        mixinStandardHelpOptions = true, sortOptions = false, subcommands = RbmCommand.class,
        description = {"The neuron game at temperature T > 0 (docs/theory.md section 7): logit response is the Gibbs "
                + "sampler of the Boltzmann machine P(s) ~ exp(-E(s)/T). Gibbs sampling and simulated "
                + "annealing of a Sherrington-Kirkpatrick spin glass (w ~ N(0, 1/N)) against zero-temperature quenches.",
                "", "'boltzmann rbm' (or 'boltzmann --rbm'): a restricted Boltzmann machine trained by CD-k or "
                + "persistent CD on binarised Fashion-MNIST (" + RbmCommand.FASHION + ") or, where absent, on 4x4 "
                + "bars and stripes; see 'jaynes boltzmann rbm --help'."},
        footer = {"", "Examples:",
                "  jaynes boltzmann --neurons 200 --temperature 0.5 --anneal 3:0.05:500",
                "  jaynes boltzmann --neurons 50 --sweeps 200 --json -",
                "  jaynes boltzmann rbm --hidden 64 --epochs 5 --json -"})
final class BoltzmannCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--neurons", paramLabel = "N", description = "spin-glass neurons "
            + "(default: ${DEFAULT-VALUE})")
    private int neurons = 100;

    @Option(names = "--temperature", paramLabel = "T", description = "Gibbs sampling temperature "
            + "(default: ${DEFAULT-VALUE})")
    private double temperature = 1;

    @Option(names = "--sweeps", paramLabel = "N", description = "Gibbs sweeps (default: "
            + "${DEFAULT-VALUE})")
    private int sweeps = 1000;

    @Option(names = "--anneal", paramLabel = "T0:T1:SWEEPS", description = "geometric annealing schedule "
            + "(default: 3:0.05:200)", converter = OptionConverters.Anneal.class)
    private AnnealingSchedule schedule = AnnealingSchedule.DEFAULT;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ReportOptions reports;

    @Override
    public Integer call() throws IOException, UsageException {
        ReportOptions.Targets targets = reports.targets();
        PrintWriter out = spec.commandLine().getOut();
        SpinGlassReport.Run result = spinGlass();
        targets.write(out, writer -> SpinGlassReport.writeJson(result, writer),
                writer -> NeuronGamePage.write(SpinGlassReport.page(result), Main.version(), writer),
                printer -> SpinGlassReport.print(result, printer));
        return Main.OK;
    }

    private SpinGlassReport.Run spinGlass() throws UsageException {
        if (neurons < 2 || sweeps < 1 || !(temperature > 0 && temperature < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--neurons must be at least 2, --sweeps at least 1 and --temperature positive");
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed.value());
        int n = neurons;
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double g = StrictMath.sqrt(-2 * StrictMath.log(1 - rng.nextDouble()))
                        * StrictMath.cos(2 * Math.PI * rng.nextDouble());
                w[i * n + j] = g / StrictMath.sqrt(n);
                w[j * n + i] = w[i * n + j];
            }
        }
        NeuronGame game = NeuronGame.of(w);
        byte[] start = new byte[n];
        for (int i = 0; i < n; i++) {
            start[i] = rng.nextBoolean() ? (byte) 1 : (byte) -1;
        }
        NeuronNetwork network = new NeuronNetwork(game, start, rng);
        double quench = network.relax(UpdateOrder.ASYNCHRONOUS, Integer.MAX_VALUE - 1).energy();
        network.set(start);
        double energy = 0;
        double magnetisation = 0;
        int burnIn = sweeps / 10;
        for (int s = 0; s < burnIn + sweeps; s++) {
            network.gibbsSweep(temperature);
            if (s >= burnIn) {
                energy += network.energy();
                long m = 0;
                for (int i = 0; i < n; i++) {
                    m += network.spin(i);
                }
                magnetisation += Math.abs(m) / (double) n;
            }
        }
        Annealing.Result annealed = Annealing.run(game, start, schedule, rng);
        return new SpinGlassReport.Run(n, temperature, sweeps, schedule, seed.value(), energy / sweeps,
                magnetisation / sweeps, quench, annealed);
    }
}
