package org.jaynes.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;
import picocli.CommandLine.Option;

/** {@code --from MODEL --layer NAME}: one layer of a model, as {@code simulate} starts from it (a mixin). */
final class LayerChoice {

    /** How many close names an unknown --layer lists. */
    private static final int CLOSE_NAMES = 5;
    private static final String NO_SUCH_LAYER = "no layer or tensor named '%s' in %s; close names: %s";

    @Option(names = "--from", paramLabel = "MODEL", description = "start from a layer of this model (with --layer): "
            + "its |w| put on the game's grid, scaled to the agents; the game defaults to the layer's fitted "
            + "lognormal unless --alpha, --beta or --mu, --sigma are given")
    private Path from;

    @Option(names = "--layer", paramLabel = "NAME", description = "the layer of --from, by its layer or stored name "
            + "(see 'jaynes inspect MODEL')")
    private String layer;

    /**
     * The layer named, summarised as every command summarises a population ({@link PopulationAnalysis});
     * empty without --from.
     *
     * @param startGiven whether --start was given too, which --from excludes
     */
    Optional<SourceLayer> read(boolean startGiven) throws IOException, ModelFormatException, UsageException {
        if (from == null) {
            if (layer != null) {
                throw new UsageException("--layer needs --from MODEL");
            }
            return Optional.empty();
        }
        if (layer == null) {
            throw new UsageException("--from needs --layer NAME (see 'jaynes inspect " + from + "' for the layers)");
        }
        if (startGiven) {
            throw new UsageException("--from and --start both set the start; give one of them");
        }
        Model model = ModelOpener.standard().open(from);
        Tensor tensor = model.tensors().stream().filter(t -> t.name().equals(layer) || t.storedName().equals(layer))
                .findFirst().orElse(null);
        if (tensor == null) {
            throw new UsageException(String.format(Locale.ROOT, NO_SUCH_LAYER, layer, from,
                    String.join(", ", closeNames(model, layer))));
        }
        FitInput fit = PopulationAnalysis.summarise(tensor, AnalysisOptions.DEFAULTS).fit();
        if (fit.n() == 0) {
            throw new UsageException("layer " + tensor.name() + " of " + from + " has no non-zero finite weight");
        }
        return Optional.of(new SourceLayer(from, tensor, fit));
    }

    /** The layer names nearest to {@code name} by edit distance, ties in file order. */
    private static List<String> closeNames(Model model, String name) {
        Set<String> names = new LinkedHashSet<>();
        model.tensors().forEach(t -> names.add(t.name()));
        return names.stream().sorted(Comparator.comparingInt(candidate -> editDistance(candidate, name)))
                .limit(CLOSE_NAMES).toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions of single characters. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
