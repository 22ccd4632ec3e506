package org.jaynes.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.run.StartingState;

/**
 * Where {@code simulate}'s agents start, as {@code --start} names it, checked when the option is parsed;
 * what it needs from elsewhere (the game's μ, its bins, the weights of a file) is bound after parsing, by
 * {@link #state}.
 */
sealed interface StartLaw {

    /**
     * The starting state on {@code bins}; {@code mu} of the game sets the default gaussian scale e^mu. A law
     * that puts no mass on the bins, or a file that does not hold one weight per bin, is bad input.
     */
    StartingState state(Bins bins, double mu) throws UsageException;

    /** The same share in every bin. */
    record Uniform() implements StartLaw {
        @Override
        public StartingState state(Bins bins, double mu) {
            return new StartingState.Uniform();
        }
    }

    /**
     * Magnitudes of N(0, SCALE²); without a scale, SCALE = e^mu of the game.
     *
     * @param given the value as given, for messages
     */
    record Gaussian(OptionalDouble scale, String given) implements StartLaw {
        @Override
        public StartingState state(Bins bins, double mu) throws UsageException {
            StartingState gaussian = new StartingState.GaussianMagnitude(scale.orElse(Math.exp(mu)));
            try {
                gaussian.shares(bins);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--start " + given + ": " + e.getMessage());
            }
            return gaussian;
        }
    }

    /** One non-negative weight per bin, read from {@code file}. */
    record Weights(Path file) implements StartLaw {
        @Override
        public StartingState state(Bins bins, double mu) throws UsageException {
            try {
                StartingState given = new StartingState.Given(readWeights(file));
                given.shares(bins);
                return given;
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
        }
    }

    /** {@code uniform}, {@code gaussian}, {@code gaussian:SCALE} (positive, finite) or {@code file:PATH}. */
    static StartLaw parse(String law) {
        if ("uniform".equals(law)) {
            return new Uniform();
        }
        if (law.equals("gaussian")) {
            return new Gaussian(OptionalDouble.empty(), law);
        }
        if (law.startsWith("gaussian:")) {
            double scale;
            try {
                scale = Double.parseDouble(law.substring("gaussian:".length()));
            } catch (NumberFormatException e) {
                scale = Double.NaN;
            }
            if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("--start gaussian:SCALE needs a positive number, not '" + law
                        + "'");
            }
            return new Gaussian(OptionalDouble.of(scale), law);
        }
        if (law.startsWith("file:")) {
            return new Weights(Path.of(law.substring("file:".length())));
        }
        throw new IllegalArgumentException("--start must be uniform, gaussian[:SCALE] or file:PATH, not '" + law
                + "'");
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
