package org.jaynes.spark.hadoop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A NameNode and one DataNode in this JVM, shared by the tests that need HDFS (it takes seconds to
 * start), storing in a temporary folder; shut down when the JVM exits. Each test writes under a folder
 * of its own.
 */
public final class MiniHdfs {

    private static MiniDFSCluster cluster;

    private MiniHdfs() {
    }

    public static synchronized MiniDFSCluster shared() throws IOException {
        if (cluster == null) {
            Path base = Files.createTempDirectory("jaynes-minihdfs");
            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
            MiniDFSCluster started = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            started.waitActive();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.shutdown(true);
            }));
            cluster = started;
        }
        return cluster;
    }
}
