package org.jaynes.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jaynes.nn.init.Initializer;

/**
 * The initialiser an option names ({@code train --init}, {@code experiment init --inits} and
 * {@code --warmup-init}), checked when the option is parsed; what it needs from other options (σ from
 * {@code --sigma}, the source model from {@code --init-from}) is bound after parsing, by {@link #bind}.
 */
sealed interface InitChoice {

    /**
     * The initialiser, with {@code sigma} for the lognormal; {@code fitted} is the initialiser of
     * {@code --init-from}, made once for every choice of it (null when none is fitted).
     *
     * @throws UsageException when {@code sigma} is not positive and finite
     */
    Initializer bind(double sigma, Initializer.Fitted fitted) throws UsageException;

    /** He or Xavier: complete as named. */
    record Complete(Initializer initializer) implements InitChoice {
        @Override
        public Initializer bind(double sigma, Initializer.Fitted fitted) {
            return initializer;
        }
    }

    /** The signed lognormal: σ from {@code --sigma}. */
    record Lognormal() implements InitChoice {
        @Override
        public Initializer bind(double sigma, Initializer.Fitted fitted) throws UsageException {
            return UsageException.build(() -> new Initializer.Lognormal(sigma));
        }
    }

    /** Drawn from the fits of a trained model's layers: from {@code --init-from}. */
    record Fitted() implements InitChoice {
        @Override
        public Initializer bind(double sigma, Initializer.Fitted fitted) {
            if (fitted == null) {
                throw new IllegalStateException("a fitted initialiser chosen without its source");
            }
            return fitted;
        }
    }

    /**
     * {@code he}, {@code xavier} (or {@code glorot}), {@code lognormal} or {@code fitted}, in any case; the
     * names and the refusal of any other are {@link Initializer#parse}'s.
     */
    static InitChoice parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.equals("lognormal")) {
            return new Lognormal();
        }
        if (name.equals("fitted")) {
            return new Fitted();
        }
        return new Complete(Initializer.parse(text, Initializer.DEFAULT_SIGMA));
    }

    /** Initialisers separated by commas, each as {@link #parse} takes it. */
    static List<InitChoice> parseList(String text) {
        List<InitChoice> choices = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            choices.add(parse(name));
        }
        return List.copyOf(choices);
    }
}
