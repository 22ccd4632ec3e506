package org.jaynes.nn.init;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.tensor.Role;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelOpener;

/**
 * The lognormal fits of a trained model's weight layers, and which of them each layer of our network is
 * drawn from (the {@code fitted} initialiser, issue 8 item 3).
 *
 * <p>Matching rule (our MLP's layers have no transformer role, so the rule goes by the source's roles):
 * <ul>
 * <li>the <b>output layer</b> ← the source's last output head or classifier; failing that its last plain
 *     dense layer; failing that its last population;</li>
 * <li>the <b>hidden layers</b>, in order ← the source's MLP up and down projections in file order, cycling;
 *     failing those, its populations of role dense other than the output layer's source; failing those, any
 *     of its other populations; failing those, the output layer's source.</li>
 * </ul>
 * So a model saved by {@code jaynes train} (all roles dense) gives layer i ← its layer i, the output ← its
 * output, and a BERT gives the hidden layers its intermediate and output projections alternately.
 *
 * @param model  the model's name, as given
 * @param layers every population of the model in file order, with its fit
 */
public record FittedSource(String model, List<SourceLayer> layers) {

    /**
     * Smallest tensor that counts, smaller than {@code analyze}'s default so that the classifier head of a
     * small trained MLP counts; σ̂ from 256 values has a standard error of about σ/√512.
     */
    public static final long MIN_ELEMENTS = 256;

    private static final Set<Role> MLP = Set.of(Role.MLP_UP, Role.MLP_DOWN);

    public FittedSource {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(model + ": no weight layer to fit");
        }
    }

    /**
     * One population of the source: its lognormal fit by maximum likelihood (μ̂ = mean ln|w|, σ̂ = std
     * ln|w|).
     *
     * @param name  the layer as users know it (without {@code .weight})
     * @param role  what it does in its network
     * @param n     values fitted (non-zero, finite)
     * @param mu    mean of ln|w|
     * @param sigma standard deviation of ln|w|
     */
    public record SourceLayer(String name, Role role, long n, double mu, double sigma) {
    }

    /**
     * Opens {@code file} with every reader jaynes has and fits each population, as {@code jaynes analyze}
     * does (rank ≥ 2, at least {@link #MIN_ELEMENTS} values, σ̂ &gt; 0).
     *
     * @throws ModelFormatException when the file is not a model or has no such population
     */
    public static FittedSource analyze(Path file) throws IOException, ModelFormatException {
        AnalysisOptions options = AnalysisOptions.DEFAULTS.withMinElements(MIN_ELEMENTS);
        List<LayerResult> results = new ModelAnalyzer(options).analyze(ModelOpener.standard().open(file),
                ProgressListener.NONE).layers();
        List<SourceLayer> layers = new ArrayList<>();
        for (LayerResult r : results) {
            if (r.stats().sigma() > 0 && Double.isFinite(r.stats().mu())) {
                layers.add(new SourceLayer(r.tensor().name(), r.tensor().role(), r.stats().fitted(), r.stats().mu(),
                        r.stats().sigma()));
            }
        }
        if (layers.isEmpty()) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET, "no weight tensor of rank 2 or more "
                    + "with at least " + MIN_ELEMENTS + " values and a positive sigma of ln|w| to fit");
        }
        return new FittedSource(file.toString(), layers);
    }

    /** The source layer of each of our {@code count} weight layers, in order (see the class comment). */
    public List<SourceLayer> match(int count) {
        SourceLayer output = last(Role.OUTPUT_HEAD).or(() -> last(Role.DENSE)).orElse(layers.get(layers.size() - 1));
        List<SourceLayer> hidden = select(l -> MLP.contains(l.role()));
        if (hidden.isEmpty()) {
            hidden = select(l -> l.role() == Role.DENSE && l != output);
        }
        if (hidden.isEmpty()) {
            hidden = select(l -> l != output);
        }
        if (hidden.isEmpty()) {
            hidden = List.of(output);
        }
        List<SourceLayer> matched = new ArrayList<>();
        for (int i = 0; i + 1 < count; i++) {
            matched.add(hidden.get(i % hidden.size()));
        }
        matched.add(output);
        return matched;
    }

    private Optional<SourceLayer> last(Role role) {
        List<SourceLayer> found = select(l -> l.role() == role);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    private List<SourceLayer> select(java.util.function.Predicate<SourceLayer> test) {
        return layers.stream().filter(test).toList();
    }
}
