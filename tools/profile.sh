#!/usr/bin/env bash
# Where a jaynes command's CPU goes: runs `./jaynes ARGS...` under async-profiler (CPU samples of every thread,
# the JIT compilers' and the collector's included, which JFR's execution samples leave out) with the JVM
# options the launcher would choose, and prints the CPU seconds by kind of thread and by step of the work.
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
# The options ./jaynes takes for these arguments (tools/heap-options.sh), then the profiler: a sample every
# 5 ms of CPU time (itimer needs no perf events, which containers often forbid), per thread.
source tools/heap-options.sh
compiler_for "$@"
options=("${heap[@]}" "${compiler[@]}")
for arg in "$@"; do
  if [[ "$arg" == --spark || "$arg" == --spark=* ]]; then
    echo "profile.sh: --spark is not profiled here (the launcher's Spark options differ); run it in process" >&2
    exit 2
  fi
done
agent="-agentpath:$library=start,event=itimer,interval=5ms,threads,file=$out,collapsed"
/usr/bin/time -o "$out.time" -f "wall %e s, CPU %U s user + %S s system" \
  env JAYNES_JAVA_OPTS="${options[*]} $agent" ./jaynes "$@" >/dev/null
cat "$out.time"

# Each sample counts 5 ms: by thread kind (the first frame is the thread's name), and, for the Java threads,
# by the step of the work that its stack is in (the innermost listed step wins, so a fit inside a refinement
# counts as the refinement's).
awk -v interval=0.005 '
  {
    n = $NF; stack = $0; sub(/ [0-9]+$/, "", stack); total += n
    thread = stack; sub(/;.*/, "", thread)
    if (thread ~ /C[12] CompilerThre/) kind = "JIT compilers"
    else if (thread ~ /GC Thread|G1 |VM Thread|VM Periodic/) kind = "garbage collector and VM"
    else if (thread ~ /^\[main/) kind = "main thread"
    else if (thread ~ /^\[jaynes-/) kind = "analysis threads"
    else kind = "other threads"
    kinds[kind] += n
    if (kind != "main thread" && kind != "analysis threads") next
    step = "other"
    if (stack ~ /ModelKey\.of/) step = "survey: opening models for their keys"
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
    steps[step] += n
  }
  END {
    # Section, sort key and line, tab-separated: each section sorted by CPU, largest first.
    printf "0\t0\t%.1f s of CPU sampled\n1\t1e12\tby thread:\n", total * interval
    for (k in kinds) printf "1\t%d\t  %7.2f s  %4.1f %%  %s\n", kinds[k], kinds[k] * interval, 100 * kinds[k] / total, k
    print "2\t1e12\tmain and analysis threads, by step:"
    for (s in steps) printf "2\t%d\t  %7.2f s  %4.1f %%  %s\n", steps[s], steps[s] * interval, 100 * steps[s] / total, s
  }' "$out" | sort -t "$(printf '\t')" -k1,1n -k2,2gr | cut -f 3-
echo "collapsed stacks: $out"
