#!/usr/bin/env bash
# Side-by-side CPU and wall time of `analyze` for two or more builds of the jar, alternating runs so that the
# machine's drift falls on all of them alike: the way to tell whether a change to the analysis pays.
#
# Usage:  tools/ab-analyze.sh RUNS MODEL JAR...      e.g. tools/ab-analyze.sh 4 big.safetensors old.jar new.jar
#
# Each run is `java -Xmx256m -Xss4m -jar JAR analyze MODEL --quiet --json OUT` (no class-data archive, so
# that builds compare alike); prints per jar the CPU seconds (user + system, all threads) and wall seconds of
# every run, and the mean CPU. Needs /usr/bin/time. The JSON reports are left in ${TMPDIR:-/tmp}/ab-analyze-N.json
# for comparing the builds' numbers.
set -euo pipefail
runs=$1
model=$2
shift 2
jars=("$@")
out="${TMPDIR:-/tmp}"
declare -a cpu wall
for ((r = 0; r < runs; r++)); do
  for i in "${!jars[@]}"; do
    /usr/bin/time -o "$out/ab-analyze.time" -f "%e %U %S" java -Xmx256m -Xss4m -jar "${jars[$i]}" analyze "$model" \
      --quiet --json "$out/ab-analyze-$i.json" >/dev/null
    read -r seconds user system <"$out/ab-analyze.time"
    cpu[$i]="${cpu[$i]:-} $(awk -v u="$user" -v s="$system" 'BEGIN {printf "%.2f", u + s}')"
    wall[$i]="${wall[$i]:-} $seconds"
  done
done
for i in "${!jars[@]}"; do
  mean=$(echo ${cpu[$i]} | awk '{for (k = 1; k <= NF; k++) s += $k; printf "%.2f", s / NF}')
  echo "${jars[$i]}: cpu s${cpu[$i]} (mean $mean); wall s${wall[$i]}"
done
