package org.jaynes.formats.keras;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.zip.InflatedCopy;
import org.jaynes.formats.zip.ZipDirectory;
import org.jaynes.formats.zip.ZipMember;

/**
 * Finds the weights of a Keras 3 {@code .keras} archive: a zip of {@code metadata.json},
 * {@code config.json} and {@code model.weights.h5} (plus {@code assets/} for some layers). The archive's
 * directory is read and checked by {@link ZipDirectory} (names that escape, overlapping entries, data
 * outside the file are refused). Keras stores the entries uncompressed, so the HDF5 file is read in place;
 * a deflated one (an archive re-zipped by hand) is inflated once to a temporary file, within a size budget
 * ({@link InflatedCopy}).
 * The weights' names come from the HDF5 file itself ({@link KerasNames}), so {@code config.json} is not read.
 */
final class KerasArchive {

    static final String WEIGHTS = "model.weights.h5";
    static final String NO_WEIGHTS = "no " + WEIGHTS + " in this .keras archive (it holds %s)";

    private static final int LISTED = 8;

    private KerasArchive() {
    }

    /** Where the archive's {@code model.weights.h5} is. */
    static HdfLocation weights(Path file) throws IOException, ModelFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<ZipMember> members = ZipDirectory.read(file, channel).entries();
            ZipMember weights = members.stream().filter(m -> m.name().equals(WEIGHTS)).findFirst()
                    .orElseThrow(() -> ModelFormatException.at(file, ModelFormatException.NO_OFFSET, NO_WEIGHTS,
                            listing(members)));
            weights.requireReadable(file);
            return weights.method() == ZipMember.STORED
                    ? new HdfLocation(file, WEIGHTS, file, weights.dataAt(), weights.size(), true)
                    : new HdfLocation(file, WEIGHTS, InflatedCopy.extract(file, channel, weights), 0, weights.size(),
                            false);
        }
    }

    private static String listing(List<ZipMember> members) {
        if (members.isEmpty()) {
            return "no entries";
        }
        String names = members.stream().limit(LISTED).map(ZipMember::name).collect(Collectors.joining(", "));
        return members.size() > LISTED ? names + ", ..." : names;
    }
}
