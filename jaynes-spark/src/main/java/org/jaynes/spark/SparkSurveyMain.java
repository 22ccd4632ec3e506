package org.jaynes.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.jaynes.core.analysis.AnalysisOptions;
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
 * Exit code 0 when every model was analysed, 1 when some failed (they are in failures.csv), 2 with one
 * line on stderr for bad arguments or input.
 */
public final class SparkSurveyMain {

    private static final String USAGE = "usage: jaynes-spark.jar (INPUT... | --checkpoints DIR) --out DIR";

    private SparkSurveyMain() {
    }

    /** The parsed arguments. */
    private record Arguments(List<String> inputs, String checkpoints, Path out) {
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
                    SparkEngineProvider.context(conf), AnalysisOptions.DEFAULTS, ModelOpener.standard())) {
                List<SurveyInput> models = arguments.checkpoints() != null
                        ? CheckpointSeries.of(Path.of(arguments.checkpoints()))
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

    private static Arguments parse(String[] args) throws SurveyInputException {
        List<String> inputs = new ArrayList<>();
        String checkpoints = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out", "--checkpoints" -> {
                    if (i + 1 == args.length) {
                        throw new SurveyInputException(args[i] + " needs a folder; " + USAGE);
                    }
                    if (args[i].equals("--out")) {
                        out = Path.of(args[++i]);
                    } else {
                        checkpoints = args[++i];
                    }
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new SurveyInputException("unknown option " + args[i] + "; " + USAGE);
                    }
                    inputs.add(args[i]);
                }
            }
        }
        if (out == null || (inputs.isEmpty() == (checkpoints == null))) {
            throw new SurveyInputException(USAGE);
        }
        return new Arguments(inputs, checkpoints, out);
    }

    /** The version the jar was built as, as the command line reports it. */
    private static String version() {
        String version = SparkSurveyMain.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
