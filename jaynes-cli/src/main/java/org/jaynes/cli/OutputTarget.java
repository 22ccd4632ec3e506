package org.jaynes.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jaynes.report.AtomicOutput;

/**
 * Where one report goes: a file (written atomically) or standard output ({@code -}). Checked when the
 * options are read, before any work, so a bad output path costs nothing.
 *
 * @param option the option that named it, for messages
 * @param file   the file, or empty for standard output
 */
record OutputTarget(String option, Optional<Path> file) {

    /** Writes a report as text. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** The target an option names, or empty when the option was not given. */
    static Optional<OutputTarget> of(String option, String value) throws UsageException {
        if (value == null) {
            return Optional.empty();
        }
        if ("-".equals(value)) {
            return Optional.of(new OutputTarget(option, Optional.empty()));
        }
        Path path = Path.of(value);
        String problem = AtomicOutput.problemWith(path);
        if (problem != null) {
            throw new UsageException(problem);
        }
        return Optional.of(new OutputTarget(option, Optional.of(path)));
    }

    /** Refuses two reports on standard output; true when one is there. */
    static boolean claimsStdout(List<Optional<OutputTarget>> targets) throws UsageException {
        List<String> onStdout = targets.stream().flatMap(Optional::stream).filter(OutputTarget::isStdout)
                .map(OutputTarget::option).toList();
        if (onStdout.size() > 1) {
            throw new UsageException("only one report can go to standard output, not " + String.join(" and ", onStdout));
        }
        return onStdout.size() == 1;
    }

    boolean isStdout() {
        return file.isEmpty();
    }

    void write(PrintWriter stdout, Content content) throws IOException {
        if (file.isEmpty()) {
            content.writeTo(stdout);
            stdout.flush();
            return;
        }
        AtomicOutput.write(file.get(), stream -> {
            Writer text = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            content.writeTo(text);
            text.flush();
        });
    }
}
