package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.jaynes.survey.SurveyInputs;
import scala.Tuple2;

/**
 * Models named by URI ({@code hdfs://namenode:8020/zoo/m.safetensors}, {@code s3a://bucket/m.gguf},
 * {@code file:///data/m.onnx}), as {@code java.nio} paths read through Hadoop's {@code FileSystem} API with
 * positioned reads. The Hadoop configuration is the default one (core-site.xml and hdfs-site.xml on the
 * class path, where {@code ./jaynes} puts {@code HADOOP_CONF_DIR}) with the Spark application's
 * {@code spark.hadoop.*} properties over it, as Spark configures its own Hadoop clients (so
 * {@code --conf spark.hadoop.fs.s3a.endpoint=…} reaches every executor), and with a connection to a NameNode
 * tried twice before it fails, so that an unreachable HDFS is said in seconds, not minutes. Thread-safe.
 */
public final class HadoopFiles {

    private static final String SPARK_PREFIX = "spark.hadoop.";

    /** One per set of {@code spark.hadoop.*} properties: a JVM may run one Spark application after another. */
    private static final Map<Map<String, String>, HadoopFiles> SHARED = new ConcurrentHashMap<>();

    private final HadoopNioProvider provider;

    /** Hadoop files under {@code configuration} (tests: a minicluster's). */
    public HadoopFiles(Configuration configuration) {
        Configuration quick = new Configuration(configuration);
        quick.setIfUnset("ipc.client.connect.max.retries", "1");
        quick.setIfUnset("ipc.client.connect.max.retries.on.timeouts", "1");
        quick.setIfUnset("ipc.client.connect.timeout", "5000");
        quick.setIfUnset("dfs.client.retry.policy.enabled", "false");
        this.provider = new HadoopNioProvider(quick);
    }

    /** The files of this JVM, under the default configuration and the running Spark application's properties. */
    public static HadoopFiles shared() {
        SparkEnv spark = SparkEnv.get();
        Map<String, String> properties = new TreeMap<>();
        if (spark != null) {
            for (Tuple2<String, String> property : spark.conf().getAllWithPrefix(SPARK_PREFIX)) {
                properties.put(property._1(), property._2());
            }
        }
        return SHARED.computeIfAbsent(properties, HadoopFiles::withProperties);
    }

    private static HadoopFiles withProperties(Map<String, String> properties) {
        Configuration configuration = new Configuration();
        properties.forEach(configuration::set);
        return new HadoopFiles(configuration);
    }

    /** Whether {@code text} is a URI with a scheme ({@code hdfs://…}) rather than a local path. */
    public static boolean isUri(String text) {
        return SurveyInputs.isUri(text);
    }

    /**
     * The path {@code uri} names, its file system connected.
     *
     * @throws IOException when the URI is malformed, its scheme has no Hadoop file system, or the file
     *                     system cannot be reached
     */
    public Path path(String uri) throws IOException {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IOException(uri + ": not a URI (" + e.getReason() + ")", e);
        }
        return provider.path(parsed);
    }
}
