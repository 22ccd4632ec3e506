package org.jaynes.core.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jaynes.core.fit.Family;
import org.jaynes.core.stats.Moments;
import org.jaynes.core.tensor.Role;

/**
 * Whether a model's layers share one microstructure (docs/theory.md §1, claim 4): the mean and spread of σ
 * (scale-free) and of the normalised μ over its populations, overall and by role, and how often each
 * magnitude law fits best.
 *
 * @param overall      σ and normalised μ over every population
 * @param byRole       the same per role, in {@link Role} order
 * @param bestCounts   populations per best magnitude family, in {@link Family} order
 * @param lognormalBestFraction share of populations where the lognormal is the best magnitude law
 * @param summary      one sentence saying which law wins in how many layers
 */
public record UniversalitySummary(Spread overall, Map<Role, Spread> byRole, Map<Family, Integer> bestCounts,
                                  double lognormalBestFraction, String summary) {

    /**
     * Mean and standard deviation (divided by the count) of σ and of normalised μ over some populations.
     *
     * @param layers populations summarised
     */
    public record Spread(int layers, double sigmaMean, double sigmaStd, double muMean, double muStd) {

        static Spread of(List<LayerResult> layers) {
            Moments sigma = new Moments();
            Moments mu = new Moments();
            for (LayerResult layer : layers) {
                if (Double.isFinite(layer.stats().sigma())) {
                    sigma.addRepeated(layer.stats().sigma(), 1);
                    mu.addRepeated(layer.normalizedMu(), 1);
                }
            }
            return new Spread(layers.size(), sigma.mean(), sigma.standardDeviation(), mu.mean(),
                    mu.standardDeviation());
        }
    }

    public UniversalitySummary {
        byRole = Collections.unmodifiableMap(new EnumMap<>(byRole));
        bestCounts = Collections.unmodifiableMap(new EnumMap<>(bestCounts));
    }

    public static UniversalitySummary of(List<LayerResult> layers) {
        Map<Role, List<LayerResult>> grouped = layers.stream()
                .collect(Collectors.groupingBy(l -> l.tensor().role(), () -> new EnumMap<>(Role.class),
                        Collectors.toCollection(ArrayList::new)));
        Map<Role, Spread> byRole = new EnumMap<>(Role.class);
        grouped.forEach((role, group) -> byRole.put(role, Spread.of(group)));
        Map<Family, Integer> best = new EnumMap<>(Family.class);
        for (LayerResult layer : layers) {
            layer.fits().best().ifPresent(f -> best.merge(f, 1, Integer::sum));
        }
        double lognormalFraction = layers.isEmpty() ? Double.NaN
                : (double) best.getOrDefault(Family.LOGNORMAL, 0) / layers.size();
        return new UniversalitySummary(Spread.of(layers), byRole, best, lognormalFraction, sentence(layers, best));
    }

    private static String sentence(List<LayerResult> layers, Map<Family, Integer> best) {
        if (layers.isEmpty()) {
            return "no populations";
        }
        Map<Family, Integer> ordered = new LinkedHashMap<>();
        best.entrySet().stream().sorted(Map.Entry.<Family, Integer>comparingByValue().reversed())
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        String winners = ordered.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s in %d", e.getKey().displayName(), e.getValue()))
                .collect(Collectors.joining(", "));
        int lognormal = best.getOrDefault(Family.LOGNORMAL, 0);
        return String.format(Locale.ROOT, "lognormal is the best |w| law in %d of %d layers; best by AIC: %s",
                lognormal, layers.size(), winners.isEmpty() ? "none" : winners);
    }
}
