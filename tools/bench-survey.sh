#!/usr/bin/env bash
# The survey's two speed targets (docs/design.md §5), checked on the zoo that tools/fetch-zoo.sh fetches:
#   - the in-process survey reads at >= 80 % of the throughput of one `analyze` of the zoo's largest model;
#   - a survey on Spark in local mode (`--spark 'local[*]'`: every core, as the in-process survey uses)
#     takes <= 1.5x the in-process survey's time.
# Runs ROUNDS rounds (default 3) of the three commands one after another, through the launcher as a user
# runs them, so that the machine's drift falls on all three alike; prints every run's wall and CPU
# seconds, the ratios of each round, their medians, and whether each target holds by the median. The
# two engines' outputs are compared once (they must be the same files, byte for byte). Before the rounds,
# one untimed survey on Spark builds the Spark module and its class-data archive, as a user's first one does.
# After the rounds, once, the same models are analysed by one `analyze` run each, one after another, and the
# median in-process survey is compared with that: not a target, but what the survey saves a user on the set.
# Not part of mvn verify: it takes a few minutes.
#
# With MODEL arguments, those models take the zoo's place: single files that hold all their weights (ONNX
# without external data, safetensors, GGUF, TFLite), whose sizes are the bytes read; the largest is the one
# `analyze` reads. The targets are stated for the zoo; other sets show how the ratios move with layer sizes.
#
# Usage: tools/bench-survey.sh [ROUNDS [MODEL...]]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-3}
shift || true
if (($# > 0)); then
  models=("$@")
  bytes=$(du -cbL "${models[@]}" | tail -1 | cut -f1)
  largest=$(ls -SL "${models[@]}" | head -1)
else
  bash tools/fetch-zoo.sh >/dev/null
  source tools/zoo-models.sh
  models=("${zoo_models[@]}")
  # The bytes the survey reads: every model's files.
  bytes=$(du -cb "${zoo_files[@]}" | tail -1 | cut -f1)
  largest=$(ls -S models/zoo/embeddings/*.onnx | head -1)
fi
largest_bytes=$(stat -L -c %s "$largest")
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-survey.XXXXXX")
trap 'rm -rf "$work"' EXIT

# timed NAME COMMAND...: runs the command, appends "wall cpu" to $work/NAME, and prints them.
timed() {
  local name=$1
  shift
  /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >/dev/null 2>"$work/stderr" || {
    cat "$work/stderr" >&2
    echo "bench-survey: $name failed" >&2
    exit 1
  }
  read -r wall user system <"$work/time"
  local cpu
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN {printf "%.2f", u + s}')
  echo "$wall $cpu" >>"$work/$name"
  printf '  %-11s %6.2f s wall, %6.2f s CPU\n' "$name" "$wall" "$cpu"
}

./jaynes --version >/dev/null
./jaynes survey "${models[0]}" --out "$work/warm-up" --quiet --spark 'local[*]' >/dev/null
echo "bench-survey: ${#models[@]} models, $bytes bytes; largest $largest ($largest_bytes bytes); $rounds rounds"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r"
  rm -rf "$work/in-process-out" "$work/spark-out"
  timed in-process ./jaynes survey "${models[@]}" --out "$work/in-process-out" --quiet
  timed spark ./jaynes survey "${models[@]}" --out "$work/spark-out" --quiet --spark 'local[*]'
  timed analyze ./jaynes analyze "$largest" --quiet
done
# Once, for scale: the same models, one `analyze` run each, one after another, as a user without `survey` would
# run them (a JVM start and a compilation per model). Not a target; what the survey saves on this set.
echo "one analyze per model"
timed per-model bash -c 'for model in "$@"; do ./jaynes analyze "$model" --quiet >/dev/null || exit 1; done' \
  per-model "${models[@]}"
if ! diff -r -q "$work/in-process-out" "$work/spark-out" >&2; then
  echo "bench-survey: the two engines' outputs differ" >&2
  exit 1
fi
echo "outputs of the two engines: the same files"

# The medians of each round's ratios, and the verdicts.
paste -d ' ' "$work/in-process" "$work/spark" "$work/analyze" | awk -v bytes="$bytes" -v largest="$largest_bytes" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    survey_rate = bytes / $1 / 1e6; analyze_rate = largest / $5 / 1e6
    share[NR] = survey_rate / analyze_rate; spark[NR] = $3 / $1
    printf "round %d: in-process %.1f MB/s, analyze %.1f MB/s: %.0f %%; Spark / in-process %.2fx\n",
      NR, survey_rate, analyze_rate, 100 * share[NR], spark[NR]
  }
  END {
    s = median(share, NR); k = median(spark, NR)
    printf "in-process survey at >= 80 %% of analyze'"'"'s throughput: median %.0f %%: %s\n", 100 * s, (s >= 0.8 ? "holds" : "missed")
    printf "Spark local <= 1.5x the in-process survey: median %.2fx: %s\n", k, (k <= 1.5 ? "holds" : "missed")
  }'
per_model=$(cut -d ' ' -f 1 "$work/per-model")
sort -n "$work/in-process" | awk -v per_model="$per_model" '{ wall[NR] = $1 }
  END {
    m = NR % 2 ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
    printf "one analyze per model: %.2f s, %.1fx the median in-process survey (%.2f s)\n", per_model, per_model / m, m
  }'
