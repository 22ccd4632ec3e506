package org.jaynes.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelOpener;
import org.jaynes.spark.hadoop.FileVersions;
import org.jaynes.spark.hadoop.HadoopFiles;
import org.jaynes.survey.ModelAfterModel;
import org.jaynes.survey.SurveyEngine;
import org.jaynes.survey.SurveyInputException;
import org.jaynes.survey.SurveyListener;

/**
 * The survey engine on Apache Spark: each model spread over the cluster's executors
 * ({@link DistributedAnalysis}), {@value #MODELS_IN_FLIGHT} models at once, their outcomes handed on in
 * the order of the survey; a model that cannot be read is a failure with its reason, and the survey goes on.
 * Models may be named by URI, read through Hadoop ({@link HadoopFiles}). Owns its Spark context, stopped by
 * {@link #close}.
 */
public final class SparkSurveyEngine implements SurveyEngine {

    /**
     * Models analysed at once. A model alone leaves the cluster idle while the driver merges, plans and
     * fits between its two jobs, and at each job's last tasks; the next models' jobs fill those gaps. Each
     * model in flight costs the driver its first reads (about 0.6 MB per f32 population).
     */
    static final int MODELS_IN_FLIGHT = 3;

    private final JavaSparkContext spark;
    private final AnalysisOptions options;
    private final ModelOpener opener;
    private final long fitsShippedFrom;

    /**
     * The engine on {@code spark}. On a cluster, populations of at least
     * {@link ModelFits#SHIPPED_FROM_ON_A_CLUSTER} values are fitted on the executors; in local mode, where the
     * executors are threads of the driver's JVM, every population is fitted on the driver's threads.
     */
    public SparkSurveyEngine(JavaSparkContext spark, AnalysisOptions options, ModelOpener opener) {
        this(spark, options, opener, spark.isLocal() ? Long.MAX_VALUE : ModelFits.SHIPPED_FROM_ON_A_CLUSTER);
    }

    /** The engine with the populations of at least {@code fitsShippedFrom} values fitted on the executors. */
    SparkSurveyEngine(JavaSparkContext spark, AnalysisOptions options, ModelOpener opener, long fitsShippedFrom) {
        this.spark = spark;
        this.options = options;
        this.opener = opener;
        this.fitsShippedFrom = fitsShippedFrom;
    }

    @Override
    public AnalysisOptions options() {
        return options;
    }

    @Override
    public ModelOpener opener() {
        return opener;
    }

    @Override
    public void analyse(List<Job> jobs, Results results, SurveyListener listener) throws IOException {
        try (DistributedAnalysis analysis = new DistributedAnalysis(spark, options, fitsShippedFrom)) {
            ModelAfterModel.run(jobs, results, listener, (input, progress) -> analyse(analysis, input.path()),
                    MODELS_IN_FLIGHT);
        }
    }

    /**
     * The analysis of one model, every read of it on every machine of one version of each of its files where
     * the store names versions ({@link FileVersions}): the named file's is pinned before the driver opens the
     * model, the other files' (a manifest's shards, external data) as soon as the opening has named them; the
     * named file, pinned by then, keeps the version it was opened at.
     */
    private AnalysisResult analyse(DistributedAnalysis analysis, Path path) throws Exception {
        return FileVersions.of(List.of(path)).whilePinned(() -> {
            Model model = opener.open(path);
            Set<Path> files = new LinkedHashSet<>(List.of(path));
            for (Tensor tensor : model.tensors()) {
                files.addAll(tensor.data().files());
            }
            return analysis.analyse(model, ModelLocation.of(path, FileVersions.of(files)));
        });
    }

    /** The path of {@code uri}; bad input when its file system is unknown or cannot be reached. */
    @Override
    public Optional<Path> locate(String uri) throws SurveyInputException {
        try {
            Path path = HadoopFiles.shared().path(uri);
            try {
                Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                // the file system answered: the caller says the file is missing
            }
            return Optional.of(path);
        } catch (IOException | RuntimeException e) {
            throw new SurveyInputException(MessageText.format("%s: %s", uri, MessageText.reason(rootReason(e))));
        }
    }

    /**
     * The first line of the innermost cause's message: Hadoop's clients wrap the reason in the operation, the
     * URI and the exception's class ("getFileStatus on s3a://…: …NoSuchBucketException: The specified bucket
     * does not exist …"); a bare word ({@code UnknownHostException}'s host) keeps its class's name.
     */
    static String rootReason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
        return message.contains(" ") ? message : root.getClass().getSimpleName() + ": " + message;
    }

    @Override
    public void close() {
        spark.stop();
    }
}
