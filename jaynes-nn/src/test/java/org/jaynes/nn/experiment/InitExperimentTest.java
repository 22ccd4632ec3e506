package org.jaynes.nn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.track.LayerMicrostructure;
import org.jaynes.nn.train.EpochRecord;
import org.jaynes.nn.train.TrainingOptions;
import org.jaynes.nn.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** Aggregation over seeds and the pairwise verdict, on synthetic numbers. */
class InitExperimentTest {

    /** Sums here are of a few values near 1; 1e-12 leaves room for the rounding of Welford's update. */
    private static final double EPS = 1e-12;

    @Test
    void seedSpreadGivesTheSampleMeanAndStandardDeviation() {
        SeedSpread.Summary s = SeedSpread.Summary.of(0.80, 0.82, 0.84);
        assertEquals(3, s.n());
        assertEquals(0.82, s.mean(), EPS);
        assertEquals(0.02, s.standardDeviation(), EPS);
        assertTrue(Double.isNaN(SeedSpread.Summary.of(0.8).standardDeviation()), "one seed has no spread");
        assertTrue(Double.isNaN(SeedSpread.Summary.of().mean()), "no seeds have no mean");
    }

    @Test
    void combineEqualsOneStream() {
        SeedSpread left = new SeedSpread();
        SeedSpread right = new SeedSpread();
        left.accept(1);
        left.accept(4);
        right.accept(2);
        right.accept(8);
        right.accept(5);
        SeedSpread.Summary merged = left.combine(right).result();
        SeedSpread.Summary direct = SeedSpread.Summary.of(1, 4, 2, 8, 5);
        assertEquals(direct.n(), merged.n());
        assertEquals(direct.mean(), merged.mean(), EPS);
        assertEquals(direct.standardDeviation(), merged.standardDeviation(), EPS);
    }

    @Test
    void aDifferenceBeyondTwiceTheStandardErrorIsReported() {
        // sd 0.01 each, n 3: threshold = 2 sqrt(2 * 1e-4 / 3) = 0.016330; difference 0.03.
        PairVerdict v = PairVerdict.of("lognormal", SeedSpread.Summary.of(0.84, 0.85, 0.86), "he",
                SeedSpread.Summary.of(0.81, 0.82, 0.83), "testAccuracy");
        assertEquals(0.03, v.difference(), EPS);
        assertEquals(2 * Math.sqrt(2e-4 / 3), v.threshold(), EPS);
        assertEquals(PairVerdict.Outcome.FIRST_BETTER, v.outcome());
        PairVerdict reversed = PairVerdict.of("he", SeedSpread.Summary.of(0.81, 0.82, 0.83), "lognormal",
                SeedSpread.Summary.of(0.84, 0.85, 0.86), "testAccuracy");
        assertEquals(PairVerdict.Outcome.SECOND_BETTER, reversed.outcome());
    }

    @Test
    void aDifferenceWithinTheSpreadIsNotReported() {
        // sd 0.05 each: threshold 0.0816 > difference 0.03.
        PairVerdict v = PairVerdict.of("lognormal", SeedSpread.Summary.of(0.80, 0.85, 0.90), "he",
                SeedSpread.Summary.of(0.77, 0.82, 0.87), "testAccuracy");
        assertEquals(PairVerdict.Outcome.WITHIN_SPREAD, v.outcome());
        assertTrue(v.sentence().contains("no difference beyond the seed spread"), v.sentence());
    }

    @Test
    void oneSeedIsUndetermined() {
        PairVerdict v = PairVerdict.of("lognormal", SeedSpread.Summary.of(0.9), "he", SeedSpread.Summary.of(0.1),
                "testAccuracy");
        assertEquals(PairVerdict.Outcome.UNDETERMINED, v.outcome());
    }

    @Test
    void summarizeAggregatesEpochsAndLayersOverSeeds() {
        List<TrainingResult> runs = List.of(run(new double[] {0.1, 0.80}, 0.9, "lognormal"),
                run(new double[] {0.1, 0.82}, 1.0, "normal"), run(new double[] {0.1, 0.84}, 1.1, "lognormal"));
        InitializerSummary s = InitExperiment.summarize(new Initializer.He(), runs);
        assertEquals(2, s.epochs().size());
        assertEquals(0.82, s.last().testAccuracy().mean(), EPS);
        assertEquals(0.02, s.last().testAccuracy().standardDeviation(), EPS);
        assertEquals(0, s.epochs().get(0).testAccuracy().standardDeviation(), EPS);
        InitializerSummary.LayerSummary layer = s.finalLayers().get(0);
        assertEquals("layers.0.weight", layer.name());
        assertEquals(1.0, layer.sigma().mean(), EPS);
        assertEquals("lognormal", layer.bestFamily());
        assertEquals(2, layer.votes());
    }

    @Test
    void lognormalIsComparedWithEveryOtherInitialiserOnly() {
        List<InitializerSummary> summaries = new ArrayList<>();
        for (Initializer init : List.of(new Initializer.He(), new Initializer.Xavier(), new Initializer.Lognormal(1))) {
            summaries.add(InitExperiment.summarize(init, List.of(run(new double[] {0.5}, 1, "normal"),
                    run(new double[] {0.6}, 1, "normal"))));
        }
        List<PairVerdict> verdicts = InitExperiment.verdicts(summaries);
        assertEquals(2, verdicts.size());
        assertEquals("lognormal he", verdicts.get(0).first() + " " + verdicts.get(0).second());
        assertEquals("lognormal xavier", verdicts.get(1).first() + " " + verdicts.get(1).second());
        assertEquals(PairVerdict.Outcome.WITHIN_SPREAD, verdicts.get(0).outcome());
    }

    /** A warm-up arm is a proposal too: each proposal against every other arm, proposals first. */
    @Test
    void everyProposalIsComparedWithEveryOtherArm() {
        List<InitializerSummary> summaries = new ArrayList<>();
        for (Arm arm : List.of(Arm.of(new Initializer.He()), Arm.of(new Initializer.Xavier()),
                Arm.of(new Initializer.Lognormal(1)), new Arm(new Initializer.Lognormal(1), 1))) {
            summaries.add(InitExperiment.summarize(arm, List.of(run(new double[] {0.5}, 1, "normal"),
                    run(new double[] {0.6}, 1, "normal"))));
        }
        List<String> pairs = InitExperiment.verdicts(summaries).stream().map(v -> v.first() + " vs " + v.second())
                .toList();
        assertEquals(List.of("lognormal vs he", "lognormal vs xavier", "lognormal vs lognormal+warmup 1",
                "lognormal+warmup 1 vs he", "lognormal+warmup 1 vs xavier"), pairs);
    }

    /** The warm-up arm trains with its warm-up: its runs are exactly those of the trainer with the option. */
    @Test
    void aWarmupArmRunsItsWarmup() throws Exception {
        org.jaynes.nn.data.DataSplit task = org.jaynes.nn.data.TeacherStudent.generate(4, 16, 8, 4, 1024, 512);
        TrainingOptions training = TrainingOptions.DEFAULTS.withWidths(16, 32, 4).withEpochs(2);
        Arm warm = new Arm(new Initializer.Lognormal(1), 1);
        InitExperimentOptions options = new InitExperimentOptions(training, List.of(Arm.of(new Initializer.He()),
                warm), 2);
        InitExperimentResult result = InitExperiment.run(options, task,
                org.jaynes.nn.train.TrainingListener.NONE);
        assertEquals("lognormal+warmup 1", result.initializers().get(1).arm().label());
        double sum = 0;
        for (int k = 0; k < 2; k++) {
            TrainingResult alone = org.jaynes.nn.train.Trainer.run(training.withInitializer(warm.initializer())
                    .withWarmupEpochs(1).withSeed(options.seed(k)), task, org.jaynes.nn.train.TrainingListener.NONE);
            assertEquals(2, alone.warmup().size());
            sum += alone.last().testAccuracy();
        }
        assertEquals(sum / 2, result.initializers().get(1).last().testAccuracy().mean(), EPS);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new InitExperimentOptions(training.withEpochs(0), List.of(warm), 2));
        assertEquals("a warm-up of 1 epochs needs at least as many epochs, not 0", e.getMessage());
    }

    private static TrainingResult run(double[] accuracies, double finalSigma, String bestFamily) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 0; e < accuracies.length; e++) {
            double sigma = e == accuracies.length - 1 ? finalSigma : 0.5;
            LayerMicrostructure layer = new LayerMicrostructure("layers.0.weight", 100, 0, -3, sigma, 0.01, 0.1,
                    bestFamily, "", 0.001, 0.1);
            epochs.add(new EpochRecord(e, Double.NaN, 1 - accuracies[e], accuracies[e], 0, 0, List.of(layer),
                    Optional.empty(), List.of()));
        }
        return new TrainingResult(TrainingOptions.DEFAULTS, "synthetic", 10, 10, epochs, List.of(), List.of(),
                List.of());
    }
}
