package org.jaynes.cli;

import java.util.ArrayList;
import java.util.List;
import org.jaynes.formats.MessageText;
import picocli.CommandLine;

/**
 * The one line {@link Main} prints when a command runs out of heap or stack, in place of a stack trace:
 * what was being read (the command's positional arguments, else the command), the heap the JVM has, and
 * the {@code JAYNES_JAVA_OPTS} that gives the launcher more. Examples:
 * <pre>
 * jaynes: out of memory reading model.pt; the heap is 256 MB; JAYNES_JAVA_OPTS="-Xmx512m -Xss4m" raises it
 * jaynes: stack overflow reading model.onnx: it nests too deeply; JAYNES_JAVA_OPTS="-Xmx256m -Xss16m" raises the stack
 * </pre>
 * The launcher's default options are {@code -Xmx256m -Xss4m}; a value of {@code JAYNES_JAVA_OPTS} replaces
 * both, so the suggestion names both.
 */
final class Exhaustion {

    private static final long MIB = 1 << 20;

    private Exhaustion() {
    }

    /** The line for {@code error} during the command of {@code parsed} (null when parsing had not finished). */
    static String line(VirtualMachineError error, CommandLine.ParseResult parsed) {
        long heap = heapMegabytes();
        String what = what(parsed);
        if (error instanceof StackOverflowError) {
            return "jaynes: stack overflow " + what + ": it nests too deeply; JAYNES_JAVA_OPTS=\"-Xmx" + heap
                    + "m -Xss16m\" raises the stack";
        }
        return "jaynes: out of memory " + what + "; the heap is " + heap + " MB; JAYNES_JAVA_OPTS=\"-Xmx"
                + 2 * heap + "m -Xss4m\" raises it";
    }

    /** {@code reading a, b} for the leaf command's positional arguments, else {@code running 'jaynes x'}. */
    private static String what(CommandLine.ParseResult parsed) {
        if (parsed == null) {
            return "running jaynes";
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        List<String> inputs = new ArrayList<>();
        for (CommandLine.Model.PositionalParamSpec positional : leaf.matchedPositionals()) {
            for (String value : positional.originalStringValues()) {
                inputs.add(MessageText.path(value));
            }
        }
        return inputs.isEmpty()
                ? "running '" + MessageText.name(leaf.commandSpec().qualifiedName()) + "'"
                : "reading " + String.join(", ", inputs);
    }

    /** The most heap the JVM will use, in MiB, rounded. */
    private static long heapMegabytes() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? 0 : (max + MIB / 2) / MIB;
    }
}
