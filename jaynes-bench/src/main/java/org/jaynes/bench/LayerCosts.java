package org.jaynes.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisSteps;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.analysis.PopulationSummary;
import org.jaynes.core.analysis.TensorInfo;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelOpener;

/**
 * Where the analysis of a set of models spends its CPU, by kind of layer: every population of every model
 * summarised (its reads, the choice of the cells to refine and the cells) and fitted on one thread, then the
 * milliseconds of each step summed by dtype and size class. Two rounds, the first to compile the code, so
 * that the figures are those of warm code; models are opened again in each round, and both rounds' whole
 * times are printed too: their difference is what compiling costs a first pass over the same models. Shows
 * which layers a speed-up of the per-layer work should aim at (a survey of a zoo of small layers spends most
 * of its time there).
 * <pre>{@code
 * java -cp jaynes-bench/target/jaynes-bench.jar org.jaynes.bench.LayerCosts MODEL...   (or tools/layer-costs.sh)
 * }</pre>
 */
public final class LayerCosts {

    private static final long[] SIZE_LIMITS = {16_384, 65_536, 1 << 20};
    private static final String[] SIZE_NAMES = {"<= 16 Ki", "<= 64 Ki", "<= 1 Mi", "> 1 Mi"};

    /** The sums of one kind of layer. */
    private static final class Kind {
        long layers;
        long values;
        double summariseMillis;
        double fitMillis;

        double millis() {
            return summariseMillis + fitMillis;
        }
    }

    private LayerCosts() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LayerCosts MODEL...");
            System.exit(2);
        }
        AnalysisOptions options = AnalysisOptions.DEFAULTS.withThreads(1);
        Map<String, Kind> kinds = null;
        double[] roundMillis = new double[2];
        for (int round = 0; round < 2; round++) {
            long roundStart = System.nanoTime();
            kinds = new TreeMap<>();
            for (String arg : args) {
                Model model = ModelOpener.standard().open(Path.of(arg));
                for (Tensor tensor : AnalysisSteps.split(model, options).populations()) {
                    long start = System.nanoTime();
                    PopulationSummary summary = PopulationAnalysis.summarise(tensor, options);
                    long summarised = System.nanoTime();
                    PopulationAnalysis.analyse(TensorInfo.of(tensor), summary, options);
                    long fitted = System.nanoTime();
                    Kind kind = kinds.computeIfAbsent(kindOf(tensor), k -> new Kind());
                    kind.layers++;
                    kind.values += tensor.shape().elementCount();
                    kind.summariseMillis += (summarised - start) / 1e6;
                    kind.fitMillis += (fitted - summarised) / 1e6;
                }
            }
            roundMillis[round] = (System.nanoTime() - roundStart) / 1e6;
        }
        print(kinds);
        System.out.printf("whole rounds, models opened too: %.0f ms the first (the code compiling), %.0f ms the "
                + "second%n", roundMillis[0], roundMillis[1]);
    }

    private static String kindOf(Tensor tensor) {
        long n = tensor.shape().elementCount();
        int size = 0;
        while (size < SIZE_LIMITS.length && n > SIZE_LIMITS[size]) {
            size++;
        }
        return String.format("%-4s %s", tensor.dtype().label(), SIZE_NAMES[size]);
    }

    private static void print(Map<String, Kind> kinds) {
        double total = kinds.values().stream().mapToDouble(Kind::millis).sum();
        System.out.printf("%-14s %6s %9s %14s %14s %7s%n", "layers", "count", "Mvalues", "summarise ms",
                "analyse ms", "share");
        List<Map.Entry<String, Kind>> rows = new ArrayList<>(kinds.entrySet());
        rows.sort(Comparator.comparingDouble((Map.Entry<String, Kind> row) -> row.getValue().millis()).reversed());
        for (Map.Entry<String, Kind> row : rows) {
            Kind kind = row.getValue();
            System.out.printf("%-14s %6d %9.1f %8.0f (%4.2f) %8.0f (%4.2f) %6.1f%%%n", row.getKey(), kind.layers,
                    kind.values / 1e6, kind.summariseMillis, kind.summariseMillis / kind.layers, kind.fitMillis,
                    kind.fitMillis / kind.layers, 100 * kind.millis() / total);
        }
        System.out.printf("total %.0f ms on one thread, warm (per layer in parentheses)%n", total);
    }
}
