package org.jaynes.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import org.jaynes.spark.hadoop.FileVersions;
import org.jaynes.spark.hadoop.HadoopFiles;

/**
 * Where a model is, as every machine of a cluster can find it: an absolute local path (memory-mapped
 * where it is read, so every worker must see the same file at that path, as with a shared mount), or a
 * URI read through Hadoop ({@code hdfs://…}, {@code s3a://…}, {@code file://…}); with the versions of its
 * files that the driver read (on stores that name versions), which every task reading it pins.
 */
record ModelLocation(String text, FileVersions versions) implements Serializable {

    static ModelLocation of(Path path, FileVersions versions) {
        return new ModelLocation(path.getFileSystem() == FileSystems.getDefault()
                ? path.toAbsolutePath().normalize().toString() : path.toUri().toString(), versions);
    }

    /** The model's path on this machine. */
    Path path() throws IOException {
        return HadoopFiles.isUri(text) ? HadoopFiles.shared().path(text) : Path.of(text);
    }
}
