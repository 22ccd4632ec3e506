#!/usr/bin/env bash
# Where a jaynes command's CPU goes: runs `./jaynes ARGS...` under async-profiler (CPU samples of every thread,
# the JIT compilers' and the collector's included, which JFR's execution samples leave out) with the JVM
# options the launcher chooses (the profiler is added through JAYNES_EXTRA_JAVA_OPTS), and prints the CPU
# seconds by kind of thread and by step of the work. Works for `survey --spark` too; run such a command once
# before, so that the Spark module's build and class-data archive are not what is profiled.
# The profiler is fetched once from Maven Central (tools.profiler:async-profiler, whose jar carries the native
# library) into ~/.cache/jaynes; it runs on Linux x64 only. The collapsed stacks are kept for a closer look
# (PROFILE_OUT, default ${TMPDIR:-/tmp}/jaynes-profile.collapsed). Not part of mvn verify.
#
# Usage: tools/profile.sh ARGS...     e.g. tools/profile.sh survey models/zoo/*/*.onnx --out /tmp/s --quiet
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
(($# > 0)) || { echo "usage: tools/profile.sh ARGS... (the arguments of ./jaynes)" >&2; exit 2; }
version=3.0
library="$HOME/.cache/jaynes/async-profiler-$version/libasyncProfiler.so"
if [[ ! -f "$library" ]]; then
  # Maven's output only when it fails (even quiet, it writes colour codes).
  if ! log=$(mvn -q -B --no-transfer-progress -Dstyle.color=never dependency:get \
      -Dartifact="tools.profiler:async-profiler:$version" 2>&1); then
    echo "$log" >&2
    exit 1
  fi
  jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
  mkdir -p "$(dirname "$library")"
  unzip -p "$jar" linux-x64/libasyncProfiler.so >"$library.part"
  mv "$library.part" "$library"
fi
out=${PROFILE_OUT:-${TMPDIR:-/tmp}/jaynes-profile.collapsed}
# A sample every 5 ms of CPU time (itimer needs no perf events, which containers often forbid), per thread. The
# jar and its class-data archive are built first, so that the build is not profiled.
./jaynes --version >/dev/null
agent="-agentpath:$library=start,event=itimer,interval=5ms,threads,file=$out,collapsed"
/usr/bin/time -o "$out.time" -f "wall %e s, CPU %U s user + %S s system" \
  env JAYNES_EXTRA_JAVA_OPTS="$agent" ./jaynes "$@" >/dev/null
cat "$out.time"

# Each sample counts 5 ms: by thread kind (the first frame is the thread's name), and, for the Java threads,
# by the step of the work that its stack is in (the first step tested below that the stack is in wins, so a
# fit inside a refinement counts as the refinement's, and a task result's serialisation as serialisation).
awk -v interval=0.005 '
  {
    n = $NF; stack = $0; sub(/ [0-9]+$/, "", stack); total += n
    thread = stack; sub(/;.*/, "", thread)
    if (thread ~ /C[12] CompilerThre/) kind = "JIT compilers"
    else if (thread ~ /GC Thread|G1 |VM Thread|VM Periodic/) kind = "garbage collector and VM"
    else if (thread ~ /^\[main/) kind = "main thread"
    else if (thread ~ /^\[jaynes-/) kind = "analysis threads"
    else if (thread ~ /^\[Executor task launch/) kind = "Spark executor tasks"
    else if (thread ~ /task-result-getter|dag-scheduler|dispatcher|spark-listener|block-manager|rpc-|shuffle/) \
      kind = "Spark scheduler and transport"
    else kind = "other threads"
    kinds[kind] += n
    if (kind != "main thread" && kind != "analysis threads" && kind != "Spark executor tasks") next
    step = "other"
    if (stack ~ /ObjectOutputStream|ObjectInputStream|writeObject|readObject/) step = "Java serialisation"
    else if (stack ~ /ModelKey\.of/) step = "survey: opening models for their keys"
    else if (stack ~ /ModelOpener\.open/) step = "opening models"
    else if (stack ~ /SurveyTables\.write|ReportStore\.save/) step = "writing reports and tables"
    else if (stack ~ /report\/(json|html|text|csv)\//) step = "writing reports and tables"
    else if (stack ~ /Main\.commandLine/) step = "start-up (the command line)"
    else if (stack ~ /RefinementPlaces\.of/) step = "choosing the cells to refine (fits on the first read)"
    else if (stack ~ /FitComparison\.of/) step = "fits and KS screens"
    else if (stack ~ /PopulationAnalysis\.analyse/) step = "bins, quantiles, game"
    else if (stack ~ /PopulationSummary\.of/) step = "cells of the summaries"
    else if (stack ~ /Refinement\$Counter|RefiningAccumulator\.refine/) step = "second read (fine counts)"
    else if (stack ~ /addTo|addFirstPassTo|addCounts|\.merge/) step = "merging and pooling"
    else if (stack ~ /Segment\.read|\.accept/) step = "first read (decoding, sums, coarse counts)"
    else if (stack ~ /org\/apache\/spark|scala\//) step = "Spark itself (jobs, tasks, results)"
    steps[step] += n
  }
  END {
    # Section, sort key and line, tab-separated: each section sorted by CPU, largest first.
    printf "0\t0\t%.1f s of CPU sampled\n1\t1e12\tby thread:\n", total * interval
    for (k in kinds) printf "1\t%d\t  %7.2f s  %4.1f %%  %s\n", kinds[k], kinds[k] * interval, 100 * kinds[k] / total, k
    print "2\t1e12\tmain, analysis and executor threads, by step:"
    for (s in steps) printf "2\t%d\t  %7.2f s  %4.1f %%  %s\n", steps[s], steps[s] * interval, 100 * steps[s] / total, s
  }' "$out" | sort -t "$(printf '\t')" -k1,1n -k2,2gr | cut -f 3-
echo "collapsed stacks: $out"
