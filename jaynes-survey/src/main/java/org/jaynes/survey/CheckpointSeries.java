package org.jaynes.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jaynes.formats.MessageText;

/**
 * The checkpoints of one training run: the entries of a folder whose names carry a step number
 * ({@code step-1000}, {@code checkpoint-500}, {@code epoch_3.safetensors}, {@code global_step200},
 * {@code iter_40.pt}), ordered by step. Entries without a step number (a README, a config) are not
 * checkpoints and are left out.
 */
public final class CheckpointSeries {

    private static final Pattern STEP = Pattern.compile(
            "(?i)(?:^|[^a-z])(?:global_step|step|checkpoint|ckpt|epoch|iteration|iter)[-_]?(\\d{1,18})(?!\\d)");

    private CheckpointSeries() {
    }

    /** The step number a checkpoint's name carries, if any. */
    public static OptionalLong step(String name) {
        Matcher m = STEP.matcher(name);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * The checkpoints in the folder {@code argument} names: a path, or a URI ({@code hdfs://nn/runs/exp1})
     * that {@code engine} locates.
     */
    public static List<SurveyInput> of(String argument, SurveyInputs.Locator engine) throws SurveyInputException {
        if (!SurveyInputs.isUri(argument)) {
            return of(Path.of(argument));
        }
        return of(SurveyInputs.locate("--checkpoints " + argument, argument, engine));
    }

    /** The checkpoints in {@code folder}, ordered by step; bad input when there are none or two share a step. */
    public static List<SurveyInput> of(Path folder) throws SurveyInputException {
        if (!Files.isDirectory(folder)) {
            throw new SurveyInputException(MessageText.format("--checkpoints %s: not a folder",
                    folder));
        }
        record Checkpoint(Path path, long step) {
        }
        List<Checkpoint> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                OptionalLong step = step(entry.getFileName().toString());
                if (step.isPresent()) {
                    found.add(new Checkpoint(entry, step.getAsLong()));
                }
            }
        } catch (IOException e) {
            throw new SurveyInputException(MessageText.format("--checkpoints %s: cannot list it: %s",
                    folder, MessageText.reason(String.valueOf(e.getMessage()))));
        }
        if (found.isEmpty()) {
            throw new SurveyInputException(MessageText.format("--checkpoints %s: no entry names a step number "
                    + "(such as step-1000, checkpoint-500, epoch_3.safetensors)", folder));
        }
        found.sort(Comparator.comparingLong(Checkpoint::step));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).step() == found.get(i - 1).step()) {
                throw new SurveyInputException(MessageText.format("--checkpoints %s: %s and %s are both step %d",
                        folder, found.get(i - 1).path().getFileName().toString(),
                        found.get(i).path().getFileName().toString(), found.get(i).step()));
            }
        }
        return SurveyInputs.named(found.stream().map(Checkpoint::path).toList(),
                found.stream().map(c -> OptionalLong.of(c.step())).toList());
    }
}
