package org.jaynes.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.run.StartingState;
import picocli.CommandLine.Option;

/** {@code --start LAW}: where {@code simulate}'s agents start when no layer is given (a mixin). */
final class StartOption {

    @Option(names = "--start", paramLabel = "LAW", description = "uniform, gaussian[:SCALE] (magnitudes of "
            + "N(0, SCALE^2), default SCALE e^mu) or file:PATH (K weights, one per bin) (default: uniform)")
    private String start;

    /** Whether --start was given. */
    boolean given() {
        return start != null;
    }

    /** The starting state on {@code bins}; {@code mu} of the game sets the default gaussian scale e^mu. */
    StartingState state(Bins bins, double mu) throws UsageException {
        String law = start == null ? "uniform" : start;
        if ("uniform".equals(law)) {
            return new StartingState.Uniform();
        }
        if (law.equals("gaussian") || law.startsWith("gaussian:")) {
            StartingState gaussian = gaussian(law, mu);
            try {
                gaussian.shares(bins);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--start " + law + ": " + e.getMessage());
            }
            return gaussian;
        }
        if (law.startsWith("file:")) {
            Path file = Path.of(law.substring("file:".length()));
            try {
                StartingState given = new StartingState.Given(readWeights(file));
                given.shares(bins);
                return given;
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
        }
        throw new UsageException("--start must be uniform, gaussian[:SCALE] or file:PATH, not '" + law + "'");
    }

    /** gaussian (scale e^mu) or gaussian:SCALE. */
    private static StartingState gaussian(String law, double mu) throws UsageException {
        if (law.equals("gaussian")) {
            return new StartingState.GaussianMagnitude(Math.exp(mu));
        }
        double scale;
        try {
            scale = Double.parseDouble(law.substring("gaussian:".length()));
        } catch (NumberFormatException e) {
            scale = Double.NaN;
        }
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--start gaussian:SCALE needs a positive number, not '" + law + "'");
        }
        return new StartingState.GaussianMagnitude(scale);
    }

    /** Non-negative numbers separated by white space; '#' starts a comment. */
    private static double[] readWeights(Path file) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").trim();
            for (String token : line.isEmpty() ? new String[0] : line.split("\\s+")) {
                try {
                    double w = Double.parseDouble(token);
                    if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
                        throw new NumberFormatException();
                    }
                    weights.add(w);
                } catch (NumberFormatException e) {
                    throw new UsageException(file + ": line " + (i + 1) + ": '" + token
                            + "' is not a non-negative number");
                }
            }
        }
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
