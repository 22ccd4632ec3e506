package org.jaynes.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.jaynes.spark.hadoop.MiniS3;

/**
 * One Spark context in local mode with two executor threads, shared by the tests of this JVM (a context
 * takes seconds to start, and Spark allows one per JVM), with the settings of {@link MiniS3}'s service as
 * {@code spark.hadoop.*} properties, as a user gives an S3 service's. Stopped when the JVM exits.
 */
final class LocalSpark {

    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() throws Exception {
        if (context == null) {
            SparkConf conf = new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1");
            MiniS3.shared().settings().forEach((key, value) -> conf.set("spark.hadoop." + key, value));
            context = SparkEngineProvider.context(conf);
            JavaSparkContext started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return context;
    }
}
