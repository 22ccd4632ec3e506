package org.jaynes.survey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.jaynes.formats.MessageText;

/**
 * The models a survey's arguments name, in the order given: a model file or folder, a glob
 * ({@code zoo/*.onnx}, {@code runs/**}{@code /model.safetensors}; matches in name order), or {@code @FILE},
 * a list of such arguments one per line (blank lines and lines starting with {@code #} skipped,
 * relative paths taken from the list's folder), or a URI ({@code hdfs://nn/zoo/m.safetensors}, or a glob
 * such as {@code s3a://bucket/zoo/*.onnx}), which only an engine that reads such file systems can locate
 * ({@link SurveyEngine#locate}). Each model gets an id from its file or folder name, made unique with a
 * suffix when two share a name.
 */
public final class SurveyInputs {

    private static final String GLOB_CHARACTERS = "*?[{";
    /** A URI's scheme and "://": a Windows drive letter ({@code C:\\}) is not one. */
    private static final java.util.regex.Pattern URI = java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://");

    private SurveyInputs() {
    }

    /** The models of {@code arguments}; relative paths are taken from {@code folder}; URIs are refused. */
    public static List<SurveyInput> of(List<String> arguments, Path folder) throws SurveyInputException {
        return of(arguments, folder, uri -> java.util.Optional.empty());
    }

    /** Whether {@code argument} is a URI with a scheme ({@code hdfs://…}) rather than a path. */
    public static boolean isUri(String argument) {
        return URI.matcher(argument).find();
    }

    /** Finds the model a URI names ({@link SurveyEngine#locate}); empty when no file system here reads it. */
    @FunctionalInterface
    public interface Locator {
        java.util.Optional<Path> locate(String uri) throws SurveyInputException;
    }

    /** The models of {@code arguments}; relative paths are taken from {@code folder}, URIs found by {@code engine}. */
    public static List<SurveyInput> of(List<String> arguments, Path folder, Locator engine)
            throws SurveyInputException {
        List<Path> paths = new ArrayList<>();
        for (String argument : arguments) {
            expand(argument, folder, engine, paths, 0);
        }
        return named(paths);
    }

    /**
     * The path the engine's file systems give {@code uri}; bad input, naming {@code argument} (the URI, or the
     * option and the URI), when this engine reads no URIs.
     */
    static Path locate(String argument, String uri, Locator engine) throws SurveyInputException {
        return engine.locate(uri).orElseThrow(() -> new SurveyInputException(MessageText.format(
                "%s: a URI is read through Hadoop's file systems, on Spark: add --spark MASTER", argument)));
    }

    /** The model a URI names, through the engine's file systems. */
    private static Path located(String uri, Locator engine) throws SurveyInputException {
        Path path = locate(uri, uri, engine);
        if (!Files.exists(path)) {
            throw new SurveyInputException(MessageText.format("%s: no such file or folder", uri));
        }
        return path;
    }

    /** Inputs for the given paths, in order, with unique ids; {@code steps} holds a step per path or is empty. */
    static List<SurveyInput> named(List<Path> paths, List<OptionalLong> steps) {
        Map<String, Integer> seen = new HashMap<>();
        List<SurveyInput> inputs = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path path = paths.get(i);
            String base = fileSafe(path.getFileName() == null ? path.toString() : path.getFileName().toString());
            int count = seen.merge(base, 1, Integer::sum);
            String id = count == 1 ? base : base + "-" + count;
            inputs.add(new SurveyInput(path, id, steps.isEmpty() ? OptionalLong.empty() : steps.get(i)));
        }
        return inputs;
    }

    private static List<SurveyInput> named(List<Path> paths) {
        return named(paths, List.of());
    }

    /** A name that is safe as a file name on any system: letters, digits, '.', '-' and '_' kept, the rest '_'. */
    static String fileSafe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    private static void expand(String argument, Path folder, Locator engine, List<Path> paths, int depth)
            throws SurveyInputException {
        if (isUri(argument)) {
            paths.addAll(isGlob(argument) ? matched(argument, uriGlob(argument, engine))
                    : List.of(located(argument, engine)));
        } else if (argument.startsWith("@")) {
            if (depth > 0) {
                throw new SurveyInputException(MessageText.format("%s: a list may not name another list",
                        argument));
            }
            Path list = folder.resolve(argument.substring(1));
            for (String line : lines(list)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    Path listFolder = list.toAbsolutePath().getParent();
                    expand(trimmed, listFolder, engine, paths, depth + 1);
                }
            }
        } else if (isGlob(argument)) {
            paths.addAll(matched(argument, glob(argument, folder)));
        } else {
            Path path = folder.resolve(argument);
            if (!Files.exists(path)) {
                throw new SurveyInputException(MessageText.format("%s: no such file or folder",
                        argument));
            }
            paths.add(path);
        }
    }

    private static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
    }

    /** {@code matches}, when the pattern {@code argument} matched anything; else bad input. */
    private static List<Path> matched(String argument, List<Path> matches) throws SurveyInputException {
        if (matches.isEmpty()) {
            throw new SurveyInputException(MessageText.format("%s: the pattern matches no file or folder", argument));
        }
        return matches;
    }

    /**
     * The files and folders a glob URI matches, in name order: the URI up to the last '/' before its first
     * pattern character names the folder the engine lists ({@code s3a://bucket/zoo} of
     * {@code s3a://bucket/zoo/*.onnx}); the rest is matched against the names below it.
     */
    private static List<Path> uriGlob(String pattern, Locator engine) throws SurveyInputException {
        int firstPattern = 0;
        while (GLOB_CHARACTERS.indexOf(pattern.charAt(firstPattern)) < 0) {
            firstPattern++;
        }
        int cut = pattern.lastIndexOf('/', firstPattern);
        String rest = pattern.substring(cut + 1);
        Path base = locate(pattern, pattern.substring(0, cut), engine);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
        return below(pattern, base, rest, depth);
    }

    private static List<String> lines(Path list) throws SurveyInputException {
        if (!Files.isRegularFile(list)) {
            throw new SurveyInputException(MessageText.format("%s: no such list file", list));
        }
        try {
            return Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SurveyInputException(MessageText.format("%s: cannot read the list: %s",
                    list, MessageText.reason(String.valueOf(e.getMessage()))));
        }
    }

    /** The files and folders a glob matches, in name order; the walk starts at the pattern's fixed prefix. */
    private static List<Path> glob(String pattern, Path folder) throws SurveyInputException {
        Path absolute = folder.resolve(pattern).normalize();
        Path base = absolute.getRoot();
        int fixed = 0;
        for (Path part : absolute) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
            fixed++;
        }
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : absolute.getNameCount() - fixed;
        return below(pattern, base, absolute.subpath(fixed, absolute.getNameCount()).toString(), depth);
    }

    /**
     * The files and folders below {@code base}, at most {@code depth} levels down, whose paths relative to it
     * match {@code relativeGlob}, in name order; none when {@code base} is not a folder.
     */
    private static List<Path> below(String pattern, Path base, String relativeGlob, int depth)
            throws SurveyInputException {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + relativeGlob);
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(p -> !p.equals(base) && matcher.matches(Path.of(base.relativize(p).toString())))
                    .sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SurveyInputException(MessageText.format("%s: cannot list %s: %s", pattern, base,
                    MessageText.reason(String.valueOf(e.getMessage()))));
        }
    }
}
