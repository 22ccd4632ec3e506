package org.jaynes.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One Spark context in local mode with two executor threads, shared by the tests of this JVM (a context
 * takes seconds to start, and Spark allows one per JVM). Stopped when the JVM exits.
 */
final class LocalSpark {

    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() throws Exception {
        if (context == null) {
            context = SparkEngineProvider.context(new SparkConf().setMaster("local[2]")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
            JavaSparkContext started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return context;
    }
}
