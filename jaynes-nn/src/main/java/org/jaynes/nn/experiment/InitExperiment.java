package org.jaynes.nn.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.nn.data.DataSplit;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.track.LayerMicrostructure;
import org.jaynes.nn.train.EpochRecord;
import org.jaynes.nn.train.Trainer;
import org.jaynes.nn.train.TrainingListener;
import org.jaynes.nn.train.TrainingResult;

/**
 * Compares initialisers over seeds (issue 8, item 5): trains the same network on the same data once per
 * arm (initialiser, optionally with a warm-up) and seed, summarises test accuracy and loss per epoch as mean ± sd over seeds, and says for
 * each pair whether the final mean accuracies differ by more than the seed spread ({@link PairVerdict}).
 *
 * <pre>{@code
 * InitExperimentResult r = InitExperiment.run(InitExperimentOptions.of(TrainingOptions.DEFAULTS,
 *         List.of(new Initializer.He(), new Initializer.Lognormal(1.0)), 3), split, TrainingListener.NONE);
 * }</pre>
 *
 * <p>Cost: initialisers × seeds training runs, one after another (each uses the options' threads).
 * Deterministic: the same options and data give the same numbers bit for bit (see {@link Trainer}).
 */
public final class InitExperiment {

    /** The metric the verdicts compare. */
    public static final String METRIC = "testAccuracy";

    private InitExperiment() {
    }

    /**
     * Runs every initialiser with every seed on {@code data}.
     *
     * @throws IllegalArgumentException when the widths do not match the data
     * @throws IOException              never in practice (no weights are saved); declared by {@link Trainer}
     */
    public static InitExperimentResult run(InitExperimentOptions options, DataSplit data, TrainingListener listener)
            throws IOException {
        List<InitializerSummary> summaries = new ArrayList<>();
        for (Arm arm : options.arms()) {
            List<TrainingResult> runs = new ArrayList<>();
            for (int k = 0; k < options.seeds(); k++) {
                runs.add(Trainer.run(options.training(arm, k), data, listener));
            }
            summaries.add(summarize(arm, runs));
        }
        return new InitExperimentResult(options, data.name(), data.train().size(), data.test().size(), summaries,
                verdicts(summaries));
    }

    /** Summarises the runs of one initialiser without warm-up; see {@link #summarize(Arm, List)}. */
    public static InitializerSummary summarize(Initializer init, List<TrainingResult> runs) {
        return summarize(Arm.of(init), runs);
    }

    /** Summarises the runs of one arm, which must all have the same epochs and layers. */
    public static InitializerSummary summarize(Arm init, List<TrainingResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise for " + init.label());
        }
        int epochs = runs.get(0).epochs().size();
        List<InitializerSummary.EpochSummary> perEpoch = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            SeedSpread accuracy = new SeedSpread();
            SeedSpread loss = new SeedSpread();
            for (TrainingResult run : runs) {
                if (run.epochs().size() != epochs) {
                    throw new IllegalArgumentException("runs of " + init.label() + " have " + epochs + " and "
                            + run.epochs().size() + " epoch records");
                }
                EpochRecord record = run.epochs().get(e);
                accuracy.accept(record.testAccuracy());
                loss.accept(record.testLoss());
            }
            perEpoch.add(new InitializerSummary.EpochSummary(runs.get(0).epochs().get(e).epoch(), accuracy.result(),
                    loss.result()));
        }
        List<InitializerSummary.LayerSummary> layers = new ArrayList<>();
        int layerCount = runs.get(0).last().layers().size();
        for (int l = 0; l < layerCount; l++) {
            SeedSpread sigma = new SeedSpread();
            Map<String, Integer> votes = new LinkedHashMap<>();
            for (TrainingResult run : runs) {
                LayerMicrostructure m = run.last().layers().get(l);
                sigma.accept(m.sigma());
                votes.merge(m.bestFamily(), 1, Integer::sum);
            }
            String best = null;
            int most = 0;
            for (Map.Entry<String, Integer> v : votes.entrySet()) {
                if (v.getValue() > most) {
                    best = v.getKey();
                    most = v.getValue();
                }
            }
            layers.add(new InitializerSummary.LayerSummary(runs.get(0).last().layers().get(l).name(), sigma.result(),
                    best, most));
        }
        return new InitializerSummary(init, perEpoch, layers);
    }

    /**
     * Final-epoch test accuracy compared pair by pair: when some arms are proposals of the theory
     * ({@link Arm#isProposal}: lognormal, fitted, a warm-up), each proposal in turn against every other arm
     * (a later proposal only once, against the earlier); otherwise every pair in order.
     */
    public static List<PairVerdict> verdicts(List<InitializerSummary> summaries) {
        List<PairVerdict> verdicts = new ArrayList<>();
        boolean anyProposal = summaries.stream().anyMatch(s -> s.arm().isProposal());
        for (int i = 0; i < summaries.size(); i++) {
            InitializerSummary a = summaries.get(i);
            if (anyProposal && !a.arm().isProposal()) {
                continue;
            }
            for (int j = 0; j < summaries.size(); j++) {
                InitializerSummary b = summaries.get(j);
                boolean comparedAlready = j < i && (b.arm().isProposal() || !anyProposal);
                if (j != i && !comparedAlready) {
                    verdicts.add(PairVerdict.of(a.arm().label(), a.last().testAccuracy(), b.arm().label(),
                            b.last().testAccuracy(), METRIC));
                }
            }
        }
        return verdicts;
    }
}
