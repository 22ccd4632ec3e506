package org.jaynes.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelOpener;
import org.jaynes.survey.CheckpointSeries;
import org.jaynes.survey.Survey;
import org.jaynes.survey.SurveyInput;
import org.jaynes.survey.SurveyInputException;
import org.jaynes.survey.SurveyInputs;
import org.jaynes.survey.SurveyListener;
import org.jaynes.survey.SurveyResult;

/**
 * The survey as an application for {@code spark-submit}, with the arguments of {@code jaynes survey}
 * (its master is spark-submit's {@code --master}):
 * {@code spark-submit --master spark://host:7077 jaynes-spark.jar zoo/*.onnx hdfs://nn/zoo/m.gguf --out survey}.
 * Tensors are selected as populations as {@code jaynes survey} selects them ({@code --min-elements N},
 * {@code --include REGEX}, {@code --exclude REGEX}; the same defaults), and {@code --threads N} sets the
 * driver's fitting threads; every other analysis option keeps its default, as in {@code jaynes survey}.
 * Exit code 0 when every model was analysed, 1 when some failed (they are in failures.csv), 2 with one
 * line on stderr for bad arguments or input.
 */
public final class SparkSurveyMain {

    private static final String USAGE = "usage: jaynes-spark.jar (INPUT... | --checkpoints DIR) --out DIR "
            + "[--min-elements N] [--include REGEX] [--exclude REGEX] [--threads N]";
    private static final Set<String> OPTIONS = Set.of("--out", "--checkpoints", "--min-elements", "--include",
            "--exclude", "--threads");

    private SparkSurveyMain() {
    }

    /** The parsed arguments; {@code options} as {@code jaynes survey} makes them from the same options. */
    record Arguments(List<String> inputs, String checkpoints, Path out, AnalysisOptions options) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Arguments arguments = parse(args);
            SparkConf conf = new SparkConf();
            if (!conf.contains("spark.master")) {
                throw new SurveyInputException("no Spark master: run through spark-submit --master MASTER");
            }
            try (SparkSurveyEngine engine = new SparkSurveyEngine(
                    SparkEngineProvider.context(conf), arguments.options(), ModelOpener.standard())) {
                List<SurveyInput> models = arguments.checkpoints() != null
                        ? CheckpointSeries.of(arguments.checkpoints(), engine::locate)
                        : SurveyInputs.of(arguments.inputs(), Path.of("").toAbsolutePath(), engine::locate);
                SurveyResult result = new Survey(engine, version()).run(models, arguments.out(), SurveyListener.NONE);
                out.printf(Locale.ROOT, "%d models: %d failed; %d layer rows; %.1f MB read%n",
                        result.outcomes().size(), result.failures().size(), result.rows(), result.bytesRead() / 1e6);
                result.failures().forEach(f -> out.println("failed: " + f.input().id() + ": " + f.reason()));
                return result.failures().isEmpty() ? 0 : 1;
            }
        } catch (SurveyInputException e) {
            err.println("jaynes: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("jaynes: " + e.getMessage());
            return 1;
        }
    }

    static Arguments parse(String[] args) throws SurveyInputException {
        List<String> inputs = new ArrayList<>();
        String checkpoints = null;
        Path out = null;
        AnalysisOptions options = AnalysisOptions.DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("-")) {
                inputs.add(option);
                continue;
            }
            if (!OPTIONS.contains(option)) {
                throw new SurveyInputException("unknown option " + option + "; " + USAGE);
            }
            if (i + 1 == args.length) {
                throw new SurveyInputException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--out" -> out = Path.of(value);
                    case "--checkpoints" -> checkpoints = value;
                    case "--min-elements" -> options = options.withMinElements(Long.parseLong(value));
                    case "--include" -> options = options.withInclude(Pattern.compile(value));
                    case "--exclude" -> options = options.withExclude(Pattern.compile(value));
                    case "--threads" -> options = options.withThreads(Integer.parseInt(value));
                    default -> throw new IllegalStateException("an option of OPTIONS not handled: " + option);
                }
            } catch (IllegalArgumentException e) { // a number or pattern that does not parse, a value out of range
                throw new SurveyInputException(MessageText.format("%s %s: %s", option, value,
                        MessageText.reason(String.valueOf(e.getMessage()).lines().findFirst().orElse(""))));
            }
        }
        if (out == null || (inputs.isEmpty() == (checkpoints == null))) {
            throw new SurveyInputException(USAGE);
        }
        return new Arguments(inputs, checkpoints, out, options);
    }

    /** The version the jar was built as, as the command line reports it. */
    private static String version() {
        String version = SparkSurveyMain.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
