package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;

/**
 * A real S3 service in this JVM (S3Proxy over a temporary folder, checking AWS signatures), shared by the
 * tests that need one, with one bucket; stopped when the JVM exits. Each test writes under a prefix of
 * its own.
 */
public final class MiniS3 {

    public static final String BUCKET = "zoo";
    private static final String ACCESS_KEY = "jaynes-test";
    private static final String SECRET_KEY = "jaynes-test-secret";

    private static MiniS3 shared;

    private final S3Proxy proxy;
    private final BlobStore store;

    private MiniS3(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    public static synchronized MiniS3 shared() throws Exception {
        if (shared == null) {
            Path base = Files.createTempDirectory("jaynes-minis3");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", base.toString());
            BlobStoreContext context = ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(properties)
                    .build(BlobStoreContext.class);
            BlobStore store = context.getBlobStore();
            store.createContainerInLocation(null, BUCKET);
            S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!proxy.getState().equals("STARTED")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception e) {
                    // the JVM is exiting
                }
                context.close();
            }));
            shared = new MiniS3(proxy, store);
        }
        return shared;
    }

    /**
     * The service for a script ({@code tools/spark-cluster.sh --s3}): stores each file named as
     * {@code zoo/NAME}, prints its {@code s3a://} URI and then the settings, a {@code KEY=VALUE} line each,
     * then {@code ready}, and serves until the process is stopped.
     */
    public static void main(String[] args) throws Exception {
        MiniS3 s3 = shared();
        for (String file : args) {
            Path local = Path.of(file);
            System.out.println(s3.upload(local, "zoo/" + local.getFileName()));
        }
        s3.settings().forEach((key, value) -> System.out.println(key + "=" + value));
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The S3A settings that reach this service, as Hadoop configuration keys and values. */
    public Map<String, String> settings() {
        return Map.of("fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort(),
                "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false",
                "fs.s3a.access.key", ACCESS_KEY,
                "fs.s3a.secret.key", SECRET_KEY,
                "fs.s3a.attempts.maximum", "1",
                "fs.s3a.retry.limit", "1");
    }

    /** A Hadoop configuration with {@link #settings()}. */
    public Configuration configuration() {
        Configuration configuration = new Configuration();
        settings().forEach(configuration::set);
        return configuration;
    }

    /** Stores {@code local} as {@code KEY} in the bucket and returns its {@code s3a://} URI. */
    public String upload(Path local, String key) throws IOException {
        store.putBlob(BUCKET, store.blobBuilder(key).payload(local.toFile()).contentLength(Files.size(local))
                .build());
        return "s3a://" + BUCKET + "/" + key;
    }
}
