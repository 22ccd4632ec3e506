package org.jaynes.cli;

import java.util.List;
import java.util.function.Function;
import org.jaynes.dynamics.boltzmann.AnnealingSchedule;
import org.jaynes.dynamics.hopfield.Storage;
import org.jaynes.dynamics.neurons.UpdateOrder;
import org.jaynes.dynamics.run.Dynamics;
import org.jaynes.dynamics.run.Shock;
import org.jaynes.nn.layer.ActivationFunction;
import org.jaynes.nn.layer.ConvBlock;
import org.jaynes.nn.optim.OptimizerKind;
import picocli.CommandLine.ITypeConverter;

/**
 * The converters of the options whose values name one of a closed set or are a small structure: each
 * parses with the library's own parser, and its IllegalArgumentException becomes {@link BadOptionValue}.
 */
final class OptionConverters {

    private OptionConverters() {
    }

    /** A converter by {@code parse}; a refusal is said after {@code prefix}. */
    abstract static class ByParser<T> implements ITypeConverter<T> {

        private final String prefix;
        private final Function<String, T> parse;

        ByParser(String prefix, Function<String, T> parse) {
            this.prefix = prefix;
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new BadOptionValue(prefix + e.getMessage());
            }
        }
    }

    /** {@code --dynamics}. */
    public static final class DynamicsRule extends ByParser<Dynamics> {
        public DynamicsRule() {
            super("--dynamics: ", Dynamics::parse);
        }
    }

    /** {@code boltzmann --anneal}. */
    public static final class Anneal extends ByParser<AnnealingSchedule> {
        public Anneal() {
            super("--anneal ", AnnealingSchedule::parse);
        }
    }

    /** {@code boltzmann rbm --data}. */
    public static final class RbmImages extends ByParser<RbmCommand.Images> {
        public RbmImages() {
            super("--data ", RbmCommand.Images::parse);
        }
    }

    /** {@code --storage}. */
    public static final class StorageRule extends ByParser<Storage> {
        public StorageRule() {
            super("--storage: ", Storage::parse);
        }
    }

    /** {@code --update}. */
    public static final class Order extends ByParser<UpdateOrder> {
        public Order() {
            super("--update: ", UpdateOrder::parse);
        }
    }

    /** {@code --activation}. */
    public static final class Activation extends ByParser<ActivationFunction> {
        public Activation() {
            super("", ActivationFunction::parse);
        }
    }

    /** {@code --optimizer}. */
    public static final class Optimizer extends ByParser<OptimizerKind> {
        public Optimizer() {
            super("", OptimizerKind::parse);
        }
    }

    /** {@code --shock SWEEP:FRACTION}. */
    public static final class ShockAt extends ByParser<Shock> {
        public ShockAt() {
            super("", ShockAt::parse);
        }

        private static Shock parse(String text) {
            String[] parts = text.split(":", -1);
            long sweep;
            double fraction;
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                sweep = Long.parseLong(parts[0]);
                fraction = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--shock must be SWEEP:FRACTION, e.g. 30:0.5, not '" + text + "'");
            }
            if (sweep < 1 || !(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("--shock needs SWEEP >= 1 and 0 < FRACTION <= 1, not '" + text
                        + "'");
            }
            return new Shock(sweep, fraction);
        }
    }

    /** Comma-separated integers, each at least {@code min}; with {@code blankIsNone}, blank text is none. */
    abstract static class IntList extends ByParser<IntegerList> {
        IntList(String option, int min, boolean blankIsNone) {
            super("", text -> new IntegerList(blankIsNone && text.isBlank() ? new int[0] : parse(option, text, min)));
        }

        static int[] parse(String option, String text, int min) {
            String[] parts = text.split(",", -1);
            int[] values = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    values[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    values[i] = Integer.MIN_VALUE;
                }
                if (values[i] < min) {
                    throw new IllegalArgumentException(option + " must be integers of at least " + min
                            + " separated by commas, not '" + text + "'");
                }
            }
            return values;
        }
    }

    /** {@code --layers}: at least two widths, input and classes. */
    public static final class Layers extends ByParser<IntegerList> {
        public Layers() {
            super("", Layers::parse);
        }

        private static IntegerList parse(String text) {
            int[] widths = IntList.parse("--layers", text, 1);
            if (widths.length < 2) {
                throw new IllegalArgumentException("--layers needs at least two widths (input and classes), not '"
                        + text + "'");
            }
            return new IntegerList(widths);
        }
    }

    /** {@code --conv}: conv blocks separated by commas ({@link ConvBlock#parse}); blank text is none. */
    public static final class ConvBlocks extends ByParser<List<ConvBlock>> {
        public ConvBlocks() {
            super("--conv: ", ConvBlock::parseList);
        }
    }

    /** {@code train --init}, {@code experiment init --warmup-init}: σ and the source model are bound later. */
    public static final class Init extends ByParser<InitChoice> {
        public Init() {
            super("", InitChoice::parse);
        }
    }

    /** {@code experiment init --inits}: initialisers separated by commas. */
    public static final class Inits extends ByParser<List<InitChoice>> {
        public Inits() {
            super("", InitChoice::parseList);
        }
    }

    /** {@code simulate --start}: the game's mean, the bins and a file's weights are bound later. */
    public static final class Start extends ByParser<StartLaw> {
        public Start() {
            super("", StartLaw::parse);
        }
    }

    /** {@code --save-epochs}. */
    public static final class Epochs extends IntList {
        public Epochs() {
            super("--save-epochs", 0, false);
        }
    }
}
