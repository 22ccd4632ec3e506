package org.jaynes.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The run settings every benchmark here shares; JMH reads a benchmark's annotations from its superclasses
 * too, and a benchmark's own take precedence. One fork with the launcher's default heap ({@code -Xmx256m},
 * see the {@code jaynes} script), so that a benchmark measures the code under the memory a user's run has;
 * one state object per benchmark.
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Benchmark)
public abstract class JaynesBenchmark {
}
