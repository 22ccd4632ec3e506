#!/usr/bin/env bash
# Side-by-side speed of `jaynes analyze`, `dd` and the numpy reference pipeline, the figures that
# docs/design.md (§5, "Performance targets") asks for, measured in one run on the same files.
#
# Usage:  tools/bench-analyze.sh [FOLDER]          (FOLDER default: /tmp/jaynes-bench)
#
#   1. writes a synthetic f32 and a bf16 model of JAYNES_BENCH_BYTES (default 1G) each into FOLDER
#      with org.jaynes.bench.SyntheticModel (Gaussian weights, seeded; 64 MiB rank-2 tensors);
#   2. per file: reads it once to warm the page cache, then times
#        dd      dd if=FILE of=/dev/null bs=16M       (page-cache read speed; best of 3 runs at least)
#        jaynes  java $JAYNES_JAVA_OPTS -jar jaynes.jar analyze FILE --quiet --json FOLDER/x.json
#                (what ./jaynes runs, with its class-data archive and the compiler it chooses for the
#                file: C1 alone under 512 MiB on two cores; the launcher is called once beforehand to
#                rebuild a stale jar and archive, so that no rebuild can land inside the timing)
#        numpy   $PYTHON tools/numpy_reference.py FILE          (ln|w| moments, histogram, scipy KS)
#        numpy-mh  the same with --no-ks (f32 only): the moments-and-histogram pipeline
#      each for wall time (including process start), CPU time (user + system, all threads) and peak
#      RSS (from /usr/bin/time -v when present, else wall time only); RSS counts the mapped file pages
#      a process touched, so for jaynes it exceeds the heap limit;
#      and, for f32, jaynes again with --threads 1 (the thread scaling: 2 threads >= 1.8x one);
#   3. times the bundled model: `jaynes analyze --quiet` against `jaynes --version` (JVM start);
#   4. prints a table: MB/s (10^6 bytes per second of wall time), the ratios jaynes/numpy and
#      jaynes/dd, the heap limit, and whether the targets hold: fp32 >= 8x numpy and >= 1/8 of dd;
#      bf16 >= 1/2 of dd; 2 threads >= 1.8x one; the bundled model within 4x of the JVM start.
#      Exit status 0 whether or not they hold; 1 if a step fails.
#
# Environment: JAYNES_BENCH_BYTES (e.g. 256M, 1G), JAYNES_BENCH_RUNS (timed runs per tool, best kept;
# default 1), JAYNES_BENCH_KEEP=1 (keep the model files; default: deleted on exit), PYTHON (default
# python3, with numpy and scipy), JAYNES_JAVA_OPTS (default the heap options ./jaynes runs with, from
# tools/heap-options.sh: -Xmx256m -Xss4m, the serial collector on one or two processors and the parallel
# one on more, transparent huge pages where the kernel offers them on request; when set, it replaces the
# compiler choice too, as it does in ./jaynes).
# Not part of `mvn verify`: it needs Python, minutes and 2 GB of disk.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-/tmp/jaynes-bench}"
size="${JAYNES_BENCH_BYTES:-1G}"
runs="${JAYNES_BENCH_RUNS:-1}"
python="${PYTHON:-python3}"
# shellcheck source=tools/heap-options.sh
. "$root/tools/heap-options.sh"
read -r -a java_opts <<<"${JAYNES_JAVA_OPTS:-${heap[*]}}"
bench_jar="$root/jaynes-bench/target/jaynes-bench.jar"
jaynes_jar="$root/jaynes-cli/target/jaynes.jar"

mkdir -p "$dir"
generated=()
cleanup() {
  if [[ "${JAYNES_BENCH_KEEP:-0}" != 1 && ${#generated[@]} -gt 0 ]]; then
    rm -f "${generated[@]}"
  fi
}
trap cleanup EXIT

if [[ ! -f "$bench_jar" ]]; then
  echo "building $bench_jar" >&2
  (cd "$root" && mvn -q -B -o -pl jaynes-bench -am package -DskipTests) >&2
fi
"$root/jaynes" --version >/dev/null # rebuilds jaynes.jar (and its class-data archive) when stale, before any timing
# Run the jar as ./jaynes runs it: with the launcher's class-data archive.
java_opts=(-Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedArchiveFile="$root/jaynes-cli/target/jaynes.jsa" "${java_opts[@]}")

gnu_time=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
fi

# measure NAME CMD...: runs CMD (stdout and stderr to $dir/NAME.log); sets $seconds, $cpu and $rss_kb.
measure() {
  local name="$1" log="$dir/$1.log" usage="$dir/$1.time" start end
  shift
  start=$(date +%s%N)
  if [[ -n "$gnu_time" ]]; then
    "$gnu_time" -v -o "$usage" "$@" >"$log" 2>&1 || { echo "failed: $* (see $log)" >&2; cat "$log" >&2; exit 1; }
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$usage")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$usage")
  else
    "$@" >"$log" 2>&1 || { echo "failed: $* (see $log)" >&2; cat "$log" >&2; exit 1; }
    rss_kb=""
    cpu=""
  fi
  end=$(date +%s%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
}

# best N NAME CMD...: measure, N times; keeps the fastest wall time (and its CPU time and RSS).
best() {
  local best_seconds="" best_rss="" best_cpu="" i n="$1"
  shift
  for ((i = 0; i < n; i++)); do
    measure "$@"
    if [[ -z "$best_seconds" ]] || awk -v s="$seconds" -v b="$best_seconds" 'BEGIN {exit !(s < b)}'; then
      best_seconds="$seconds"
      best_rss="$rss_kb"
      best_cpu="$cpu"
    fi
  done
  seconds="$best_seconds"
  rss_kb="$best_rss"
  cpu="$best_cpu"
}

rows=()   # "dtype tool seconds MB/s rss"
declare -A rate secs filesize
row() { # row DTYPE TOOL FILE
  local mbps
  filesize["$1"]=$(stat -c %s "$3")
  mbps=$(awk -v n="${filesize[$1]}" -v s="$seconds" 'BEGIN {printf "%.1f", n / s / 1e6}')
  rate["$1.$2"]="$mbps"
  secs["$1.$2"]="$seconds"
  rows+=("$1 $2 $seconds $mbps ${cpu:-n/a} ${rss_kb:+$((rss_kb / 1024))}")
  printf '  %-6s %-8s %8.3f s %10s MB/s  cpu %s s  peak RSS %s\n' "$1" "$2" "$seconds" "$mbps" "${cpu:-n/a}" \
    "${rss_kb:+$((rss_kb / 1024)) MiB}" >&2
}

# jaynes ARGS...: sets the array run to the command line of the jar with ARGS as ./jaynes runs it, with the
# compiler it chooses for them (compiler_for: C1 alone for analyses of small models on small machines)
# unless JAYNES_JAVA_OPTS is set.
jaynes() {
  compiler=()
  [[ -n "${JAYNES_JAVA_OPTS:-}" ]] || compiler_for "$@"
  run=(java "${java_opts[@]}" "${compiler[@]}" -jar "$jaynes_jar" "$@")
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
measure startup java "${java_opts[@]}" -jar "$jaynes_jar" --version
startup="$seconds"

for dtype in f32 bf16; do
  file="$dir/synthetic-$dtype.safetensors"
  generated+=("$file" "$dir/$dtype.json")
  echo "writing $file ($size of $dtype)" >&2
  java -Xmx256m -cp "$bench_jar" org.jaynes.bench.SyntheticModel "$file" "$dtype" "$size" >&2
  cat "$file" >/dev/null # warm the page cache
  cat "$file" >/dev/null
  echo "timing $dtype ($(stat -c %s "$file") bytes), best of $runs (dd: of 3 or more):" >&2
  best $((runs > 3 ? runs : 3)) "dd-$dtype" dd if="$file" of=/dev/null bs=16M
  row "$dtype" dd "$file"
  jaynes analyze "$file" --quiet --json "$dir/$dtype.json"
  best "$runs" "jaynes-$dtype" "${run[@]}"
  row "$dtype" jaynes "$file"
  if [[ "$dtype" == f32 ]]; then
    jaynes analyze "$file" --quiet --threads 1 --json "$dir/$dtype-1.json"
    best "$runs" "jaynes1-$dtype" "${run[@]}"
    row "$dtype" jaynes-1t "$file"
  fi
  best "$runs" "numpy-$dtype" "$python" "$root/tools/numpy_reference.py" "$file"
  row "$dtype" numpy "$file"
  if [[ "$dtype" == f32 ]]; then
    best "$runs" "numpy-mh-$dtype" "$python" "$root/tools/numpy_reference.py" "$file" --no-ks
    row "$dtype" numpy-mh "$file"
  fi
done

jaynes analyze --quiet
best 3 bundled "${run[@]}"
bundled="$seconds"
best 3 startup java "${java_opts[@]}" -jar "$jaynes_jar" --version
startup_best="$seconds"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r >= t ? "met" : "MISSED")}'; }

net() { # net DTYPE: jaynes MB/s less the JVM start, a figure that does not shrink with the file size
  awk -v n="${filesize[$1]}" -v s="${secs[$1.jaynes]}" -v j="$startup" \
    'BEGIN {printf "%.1f", (s > j ? n / (s - j) / 1e6 : 0)}'
}

echo
echo "jaynes analyze vs dd vs numpy reference ($(nproc) cores; jaynes threads: default = cores; numpy: one thread)"
echo "jaynes JVM options: ${java_opts[*]}   JVM start (jaynes --version): $startup s, included in jaynes times"
[[ -n "${JAYNES_JAVA_OPTS:-}" ]] || echo "jaynes compiler: C1 alone (-XX:TieredStopAtLevel=1) where tools/heap-options.sh chooses it: $(
  compiler_for analyze; echo "bundled model ${compiler[*]:-both compilers}"), $(
  compiler_for analyze "$dir/synthetic-f32.safetensors"; echo "f32 file ${compiler[*]:-both compilers}")"
echo "load average before: $load_before   after: $(cut -d' ' -f1-3 /proc/loadavg)   (other work on the machine skews every figure)"
printf '%-6s %-8s %10s %12s %10s %14s\n' dtype tool "wall s" "MB/s" "cpu s" "peak RSS MiB"
for r in "${rows[@]}"; do
  read -r d t s m c k <<<"$r"
  printf '%-6s %-8s %10s %12s %10s %14s\n' "$d" "$t" "$s" "$m" "$c" "${k:-n/a}"
  if [[ "$t" == jaynes ]]; then
    printf '%-6s %-8s %10s %12s\n' "$d" "(net)" "-$startup" "$(net "$d")"
  fi
done
echo
f32_net=$(net f32)
bf16_net=$(net bf16)
f32_numpy=$(ratio "${rate[f32.jaynes]}" "${rate[f32.numpy]}")
f32_dd=$(ratio "${rate[f32.jaynes]}" "${rate[f32.dd]}")
bf16_numpy=$(ratio "${rate[bf16.jaynes]}" "${rate[bf16.numpy]}")
bf16_dd=$(ratio "${rate[bf16.jaynes]}" "${rate[bf16.dd]}")
echo "ratios of wall-time MB/s (JVM start included; net of it in brackets)"
printf 'f32   jaynes/numpy %8s (%s)  target >= 8      %s\n' "$f32_numpy" "$(ratio "$f32_net" "${rate[f32.numpy]}")" "$(verdict "$f32_numpy" 8)"
f32_mh=$(ratio "${rate[f32.jaynes]}" "${rate[f32.numpy-mh]}")
printf 'f32   jaynes/numpy-mh %5s (%s)  target >= 8      %s\n' "$f32_mh" "$(ratio "$f32_net" "${rate[f32.numpy-mh]}")" "$(verdict "$f32_mh" 8)"
printf 'f32   jaynes/dd    %8s (%s)  target >= 0.125  %s\n' "$f32_dd" "$(ratio "$f32_net" "${rate[f32.dd]}")" "$(verdict "$f32_dd" 0.125)"
printf 'bf16  jaynes/dd    %8s (%s)  target >= 0.5    %s\n' "$bf16_dd" "$(ratio "$bf16_net" "${rate[bf16.dd]}")" "$(verdict "$bf16_dd" 0.5)"
printf 'bf16  jaynes/numpy %8s (%s)  no target\n' "$bf16_numpy" "$(ratio "$bf16_net" "${rate[bf16.numpy]}")"
threads=$(ratio "${rate[f32.jaynes]}" "${rate[f32.jaynes-1t]}")
printf 'f32   2 threads / 1 thread %8s  target >= 1.8    %s\n' "$threads" "$(verdict "$threads" 1.8)"
startup_ratio=$(ratio "$bundled" "$startup_best")
printf 'bundled model: analyze --quiet %s s, --version %s s (best of 3): ratio %s  target <= 4  %s\n' \
  "$bundled" "$startup_best" "$startup_ratio" "$(awk -v r="$startup_ratio" 'BEGIN {print (r <= 4 ? "met" : "MISSED")}')"
