#!/usr/bin/env bash
# Runs a fuzzing campaign against the readers with Jazzer: tools/fuzz.sh [READER] [MINUTES]
#
#   READER   safetensors, safetensorsIndex, gguf, onnx, pytorch, pytorchLegacy, numpy, keras, tflite or tfjs
#            (the fuzz tests <Format>FuzzTest in each reader's test package), or "all" (the default) for each in turn
#   MINUTES  how long each campaign runs (default 5)
#
# Each campaign runs in one JVM on one core. The corpus it grows stays in jaynes-formats/.cifuzz-corpus/
# (ignored by git); an input that breaks the reader's contract is written, as Jazzer does, into the fuzz
# test's inputs folder, jaynes-formats/src/test/resources/org/jaynes/formats/<package>/<Format>FuzzTestInputs/fuzz/,
# where `mvn verify` replays it from then on: fix the reader and commit the input.
# Prints, per reader, libFuzzer's last status line (executions, coverage, corpus size) and its totals; the
# whole log is in jaynes-formats/target/fuzz/READER.log. Builds the modules jaynes-formats depends on in the
# same reactor (-am, up to verify; nothing is installed into ~/.m2); runs Maven offline when it can.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readers=(safetensors safetensorsIndex gguf onnx pytorch pytorchLegacy numpy keras tflite tfjs)
# the fuzz test of each reader, by its package and class
declare -A tests=([safetensors]=safetensors.SafetensorsFuzzTest [safetensorsIndex]=safetensors.SafetensorsIndexFuzzTest
  [gguf]=gguf.GgufFuzzTest [onnx]=onnx.OnnxFuzzTest [pytorch]=pytorch.PytorchFuzzTest
  [pytorchLegacy]=pytorch.PytorchLegacyFuzzTest [numpy]=numpy.NumpyFuzzTest
  [keras]=keras.KerasFuzzTest [tflite]=tflite.TfliteFuzzTest [tfjs]=tfjs.TfjsFuzzTest)
reader="${1:-all}"
minutes="${2:-5}"
if [[ "$reader" == all ]]; then
  selected=("${readers[@]}")
elif [[ " ${readers[*]} " == *" $reader "* ]]; then
  selected=("$reader")
else
  echo "fuzz.sh: unknown reader '$reader'; one of: all ${readers[*]}" >&2
  exit 2
fi
if ! [[ "$minutes" =~ ^[0-9]+$ ]] || (( minutes < 1 )); then
  echo "fuzz.sh: MINUTES must be a whole number of minutes, at least 1" >&2
  exit 2
fi
offline=(-o)
[[ -d "$HOME/.m2/repository/com/code-intelligence/jazzer" ]] || offline=()
logs="$here/jaynes-formats/target/fuzz"
mkdir -p "$logs"
status=0
for r in "${selected[@]}"; do
  log="$logs/$r.log"
  echo "fuzz.sh: $r for $minutes min (log: $log)" >&2
  # jazzer.hooks: the coverage instrumentation, off for the regression runs of mvn verify;
  # jazzer.internal.arg.N: libFuzzer's command line after its program name (the last flag of a kind wins)
  if ! (cd "$here" && JAZZER_FUZZ=1 mvn -B "${offline[@]}" -pl jaynes-formats -am verify \
      -Dtest="org.jaynes.formats.${tests[$r]}#fuzz" -Djaynes.failIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1=-max_total_time=$((minutes * 60)) -Djazzer.internal.arg.2=-timeout=30 \
      -Djazzer.internal.arg.3=-print_final_stats=1) >"$log" 2>&1; then
    status=1
    echo "fuzz.sh: $r: the campaign found a failure or could not run; see $log" >&2
  fi
  grep -E '^#[0-9]+' "$log" | tail -n 1 | sed "s/^/$r: /" || true
  grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units)' "$log" | sed "s/^/$r: /" || true
done
exit "$status"
