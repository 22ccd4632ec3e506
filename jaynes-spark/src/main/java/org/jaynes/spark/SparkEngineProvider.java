package org.jaynes.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelOpener;
import org.jaynes.survey.SurveyEngine;
import org.jaynes.survey.SurveyEngineProvider;
import org.jaynes.survey.SurveyInputException;

/**
 * The Spark engine for {@code jaynes survey --spark MASTER}, found through {@link java.util.ServiceLoader}.
 * A standalone master ({@code spark://host:port}) is reached first with a plain connection, so that a
 * master that is down is said in seconds (Spark itself would retry for a minute); a master URL Spark
 * does not know is bad input too.
 */
public final class SparkEngineProvider implements SurveyEngineProvider {

    private static final int CONNECT_MILLIS = 5000;

    @Override
    public SurveyEngine open(String master, Map<String, String> properties, AnalysisOptions options,
                             ModelOpener opener) throws SurveyInputException {
        SparkConf conf = new SparkConf().setMaster(master);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (!property.getKey().startsWith("spark.")) {
                // Spark would warn and drop it
                throw new SurveyInputException(MessageText.format("--conf %s: a Spark property starts with 'spark.'",
                        property.getKey()));
            }
            conf.set(property.getKey(), property.getValue());
        }
        if (master.startsWith("spark://")) {
            checkReachable(master);
        }
        return new SparkSurveyEngine(context(conf), options, opener);
    }

    /** A Spark context for {@code conf} (its master already set), named for jaynes; bad input when Spark refuses it. */
    static JavaSparkContext context(SparkConf conf) throws SurveyInputException {
        conf.setIfMissing("spark.app.name", "jaynes survey");
        try {
            JavaSparkContext context = new JavaSparkContext(conf);
            context.setLogLevel("ERROR");
            return context;
        } catch (Exception e) { // Spark throws SparkException, a checked exception, without declaring it
            throw new SurveyInputException(MessageText.format("--spark %s: %s", conf.get("spark.master", ""),
                    MessageText.reason(String.valueOf(e.getMessage()).lines().findFirst().orElse(""))));
        }
    }

    private static void checkReachable(String master) throws SurveyInputException {
        // spark://host1:port1,host2:port2 names standby masters too: one that answers is enough.
        IOException last = null;
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            try (Socket socket = new Socket()) {
                URI uri = new URI("spark://" + hostPort);
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 7077 : uri.getPort()),
                        CONNECT_MILLIS);
                return;
            } catch (IOException e) {
                last = e;
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new SurveyInputException(MessageText.format("--spark %s: not a master URL (%s)", master,
                        MessageText.reason(String.valueOf(e.getMessage()))));
            }
        }
        throw new SurveyInputException(MessageText.format("--spark %s: cannot reach the master (%s)", master,
                MessageText.reason(String.valueOf(last.getMessage()))));
    }
}
