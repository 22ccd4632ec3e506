# The JVM heap and compiler options of ./jaynes, sourced by it and by tools/bench-analyze.sh (which measures
# what ./jaynes runs): sets the arrays large_pages, collector and heap, and defines compiler_for.
#
# A fixed, small heap: analysis streams, so no model needs more. The serial collector on one or two
# processors, the parallel one on more: both have cheaper write barriers than G1 (less for the compiler to
# compile, less work per store) and no concurrent threads taking cores from the analysis; with 256 MB a
# young collection takes a few milliseconds. On two cores, against G1, the serial one took the bundled
# model from 2.01 to 1.92 s and the zoo survey from 16.2-16.4 to 14.8-15.2 s; the parallel one, whose
# young collections run on every core, gave up a few per cent of that here (docs/design.md §5).
# Transparent huge pages for the heap where the kernel offers them on request: the young generation is
# touched afresh between collections, and in 4 KiB pages that costs a page fault per page (about a third
# of a second of system time for the bundled model, half a second for a 1 GB file). Where the kernel
# says never, the option is left out, since the JVM would print a warning.
large_pages=()
if grep -qs '\[\(always\|madvise\)\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  large_pages=(-XX:+UseTransparentHugePages)
fi
processors=$(nproc 2>/dev/null || echo 1)
collector=(-XX:+UseParallelGC)
if (( processors <= 2 )); then
  collector=(-XX:+UseSerialGC)
fi
heap=(-Xmx256m -Xss4m "${collector[@]}" "${large_pages[@]}")

# compiler_for ARGS...: sets the array compiler for a run of jaynes with the arguments ARGS. On one or two
# processors, analyze, compare, inspect and survey of models under 512 MiB run with C1 alone
# (-XX:TieredStopAtLevel=1). C2 spends about a second of CPU compiling, on the core the analysis would
# otherwise have, and a short analysis does not win it back: analyze --quiet, alternating runs on 2 cores,
# C1 alone against both compilers: the bundled model 1.18-1.22 s against 1.73-2.11 s, bge-small-en-v1.5
# 1.14-1.20 against 1.51-1.66, its int8 variant 1.35-1.67 against 1.70-1.98, a 256 MiB f32 file
# 0.89-1.07 against 1.02-1.28, a 512 MiB one 1.44-1.62 against 1.62-1.89, but a 1 GiB one 2.47-2.94
# against 2.18-3.15 (2.2 in three of four runs). The same holds for a survey of models under 512 MiB in all,
# whose many layers' fits C2 might have been expected to pay for: the 41 TF.js models of human-models
# (167 MB) 7.7-8.9 s against 8.8-9.8 s, the six embedding models (448 MB) 5.4-6.5 s against 6.4-6.9 s;
# the whole zoo (740 MB), above the line, was 10-15 % slower with C1 alone, and is now about even
# (16.6-17.4 s against 15.7-17.8 s). A survey counts only when every input is a file or
# folder named as such (model_bytes cannot count a pattern the survey expands, an @list or a --checkpoints
# folder, so those keep both compilers). Training and simulations keep both compilers.
compiler_for() {
  compiler=()
  (( processors <= 2 )) || return 0
  local arg command=""
  for arg in "$@"; do
    if [[ "$arg" != -* ]]; then
      command=$arg
      break
    fi
  done
  case "$command" in
    analyze | compare | inspect) ;;
    survey) survey_inputs_countable "$@" || return 0 ;;
    *) return 0 ;;
  esac
  if (( $(model_bytes "$@") < 512 * 1024 * 1024 )); then
    compiler=(-XX:TieredStopAtLevel=1)
  fi
}

# survey_inputs_countable ARGS...: whether model_bytes can count what a survey's arguments name: not when
# one is a pattern the survey expands itself, an @list, or a --checkpoints folder (its models lie in
# subfolders).
survey_inputs_countable() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      *[*?[]* | @* | --checkpoints | --checkpoints=*) return 1 ;;
    esac
  done
}

# model_bytes ARGS...: the bytes of the models the arguments may name, counted high rather than low: each
# existing file, with the other files of its folder when it is a .json (a sharded index or a TF.js manifest,
# whose shards lie beside it) or an .onnx (whose external data may lie beside it), and the files directly in
# each existing folder. More than 256 files count as a large model without being read.
model_bytes() {
  local arg folder files=() folders=$'\n'
  for arg in "$@"; do
    folder=""
    if [[ -d "$arg" ]]; then
      folder=$arg
    elif [[ -f "$arg" && ( "$arg" == *.json || "$arg" == *.onnx ) ]]; then
      folder=$(dirname -- "$arg")
    elif [[ -f "$arg" ]]; then
      files+=("$arg")
    fi
    # a folder's files once, however many of its manifests are named
    if [[ -n "$folder" && "$folders" != *$'\n'"$folder"$'\n'* ]]; then
      folders+="$folder"$'\n'
      files+=("$folder"/*)
    fi
  done
  local regular=() file
  for file in "${files[@]}"; do
    [[ -f "$file" ]] && regular+=("$file")
  done
  if (( ${#regular[@]} == 0 )); then
    echo 0
  elif (( ${#regular[@]} > 256 )); then
    echo $(( 1 << 40 ))
  else
    # GNU stat, else BSD stat; -L: the size of the file a link names (a hub cache links to its blobs)
    { stat -L -c %s -- "${regular[@]}" 2>/dev/null || stat -L -f %z -- "${regular[@]}"; } | awk '{ s += $1 } END { printf "%.0f\n", s }'
  fi
}
