package org.jaynes.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jaynes command line. Example: {@code jaynes analyze model.safetensors --json report.json}.
 *
 * <p>Exit codes, decided here and nowhere else: 0 success, 1 the work failed, 2 bad usage or bad input
 * ({@link UsageException}, {@link ModelFormatException}, an option value a converter refused,
 * {@link BadOptionValue}, or picocli's own parse errors). Bad input becomes one line on stderr here and
 * nowhere else, escaped by {@link MessageText} so that nothing a file names can split it or reach the
 * terminal as a control sequence. The last line of defence is here too: running out of
 * heap or stack anywhere in a command ({@link OutOfMemoryError}, {@link StackOverflowError}, also when a
 * worker thread's failure is handed back wrapped) becomes one line naming the input, the heap and how to
 * raise it, and exit code 1. Any other stack trace means a fault of jaynes itself.
 */
@Command(name = "jaynes", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measures the microstructure of neural networks: which law their weights follow, "
                + "layer by layer, and how far each layer is from the Jaynes Machine's arbitrage equilibrium.",
        footer = {"", "Examples:",
                "  jaynes analyze                     the bundled all-MiniLM-L6-v2",
                "  jaynes analyze model.safetensors --json r.json",
                "  jaynes compare bundled model.gguf --html universality.html",
                "  jaynes inspect model.gguf",
                "  jaynes theory --alpha 12 --beta 2",
                "  jaynes simulate --agents 1000000 --alpha 12 --beta 2 --seed 1",
                "  jaynes train --data /usr/share/datasets/fashion-mnist --epochs 1",
                "  jaynes experiment init --seeds 5 --epochs 3",
                "  jaynes hopfield --neurons 200 --patterns 20 --noise 0.1",
                "  jaynes boltzmann rbm --hidden 64 --epochs 5"})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The commands, in the order {@code jaynes --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(AnalyzeCommand.class, ActivationsCommand.class,
            CompareCommand.class, SurveyCommand.class, InspectCommand.class, TheoryCommand.class, SimulateCommand.class,
            TrainCommand.class, HopfieldCommand.class, BoltzmannCommand.class, ExperimentCommand.class);

    /** Runs jaynes with the given streams and returns the exit code; never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] spelled = currentSpelling(args);
        return run(commandLine(spelled), spelled, out, err);
    }

    /**
     * The command line for {@code args}: with only the command they name, none for {@code --version}, and
     * otherwise (help, a typo, no arguments) every command and {@code help}. Picocli reads a command's annotations, and
     * those of its options and mixins, when the command is added: every start paid that for all twelve.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        if (first.equals("--version") || first.equals("-V")) {
            return cli;
        }
        List<Class<?>> named = COMMANDS.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(command);
        }
        if (named.isEmpty()) {
            cli.addSubcommand(CommandLine.HelpCommand.class);
        }
        return cli;
    }

    /** Modes that became subcommands, by command: {@code jaynes boltzmann --rbm} is {@code jaynes boltzmann rbm}. */
    private static final Map<String, String> MODES = Map.of("boltzmann", "rbm", "hopfield", "capacity");

    /** The arguments with a mode's old flag spelling ({@code boltzmann --rbm ...}) as its subcommand. */
    static String[] currentSpelling(String[] args) {
        String mode = args.length == 0 ? null : MODES.get(args[0]);
        List<String> rest = args.length == 0 ? List.of() : new ArrayList<>(List.of(args).subList(1, args.length));
        if (mode == null || !rest.remove("--" + mode)) {
            return args;
        }
        rest.add(0, mode);
        rest.add(0, args[0]);
        return rest.toArray(new String[0]);
    }

    /**
     * Runs a jaynes command line (the full one, or one with more subcommands) as
     * {@link #run(String[], PrintWriter, PrintWriter)} does.
     */
    static int run(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(Pattern.class, Main::regex);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, arguments) -> {
            if (e.getCause() instanceof BadOptionValue bad) {
                err.println("jaynes: " + MessageText.escaped(String.valueOf(bad.getMessage())));
                return BAD_INPUT;
            }
            err.println("jaynes: " + MessageText.escaped(String.valueOf(e.getMessage())) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ModelFormatException || e instanceof UsageException) {
                err.println("jaynes: " + MessageText.escaped(String.valueOf(e.getMessage())));
                return BAD_INPUT;
            }
            if (e instanceof java.io.IOException) {
                err.println("jaynes: " + MessageText.escaped(String.valueOf(e.getMessage())));
                return FAILURE;
            }
            VirtualMachineError exhausted = exhaustion(e);
            if (exhausted != null) {
                return exhausted(exhausted, parseResult, err);
            }
            throw e;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return exhausted(e, cli.getParseResult(), err);
        }
    }

    /** Prints the line for a command that ran out of heap or stack; a constant one if even that fails. */
    private static int exhausted(VirtualMachineError error, CommandLine.ParseResult parsed, PrintWriter err) {
        try {
            err.println(Exhaustion.line(error, parsed));
        } catch (OutOfMemoryError stillOut) {
            err.println("jaynes: out of memory; JAYNES_JAVA_OPTS=\"-Xmx1g -Xss4m\" gives the JVM more");
        }
        return FAILURE;
    }

    /** The OutOfMemoryError or StackOverflowError among the causes of {@code failure}, or null. */
    private static VirtualMachineError exhaustion(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError || cause instanceof StackOverflowError) {
                return (VirtualMachineError) cause;
            }
        }
        return null;
    }

    private static Pattern regex(String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new CommandLine.TypeConversionException("not a regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + value + "'");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static String version() {
        return org.jaynes.cli.output.Version.current();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jaynes " + version()};
        }
    }
}
