#!/usr/bin/env bash
# One training epoch of the same network in jaynes (Java) and in PyTorch, side by side: the MLP and the CNN,
# on 1 and 2 threads.
#
#   jaynes-bench/scripts/train-vs-torch.sh [DATA_DIR]
#
# Builds nothing: needs jaynes-cli/target/jaynes.jar (mvn -B -DskipTests -pl jaynes-cli -am package) and a
# Python with torch, for example
#   python3 -m venv /tmp/venv-torch
#   /tmp/venv-torch/bin/pip install --no-index --find-links /opt/wheels --find-links /opt/pypi/files torch numpy
# The MLP is 784-256-10 ReLU (train_epoch_torch.py); the CNN is conv 8,16 then 784-10
# (train_epoch_torch_cnn.py: conv 3x3 padding 1, ReLU, max-pool 2 per block). Both sides use He-normal weights,
# zero biases, softmax cross-entropy, Adam (lr 1e-3), batch 64, one pass over the 60,000 training images of
# DATA_DIR (default /usr/share/datasets/fashion-mnist), pixels / 255, shuffled; each times the epoch alone (not
# loading, not evaluation), in wall time and in CPU time of its process (every thread counted), and reports
# the test accuracy. For each model and thread count T the two run one after the other, REPEATS times
# (default 3), so that both see the same load; each line prints both times and their ratios, Java / PyTorch.
# On a busy machine the CPU ratio is the steadier one.
#
# Environment: PYTHON (default /tmp/venv-torch/bin/python), JAYNES_JAR, MODELS (default "mlp cnn"),
# THREADS (default "1 2"), REPEATS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
python="${PYTHON:-/tmp/venv-torch/bin/python}"
jar="${JAYNES_JAR:-$root/jaynes-cli/target/jaynes.jar}"
threads="${THREADS:-1 2}"
models="${MODELS:-mlp cnn}"
repeats="${REPEATS:-3}"

[[ -f "$jar" ]] || { echo "train-vs-torch: no $jar; build it with: mvn -B -DskipTests -pl jaynes-cli -am package" >&2; exit 2; }
"$python" -c 'import torch' 2>/dev/null || { echo "train-vs-torch: $python cannot import torch (set PYTHON)" >&2; exit 2; }
[[ -d "$data" ]] || { echo "train-vs-torch: no data folder $data" >&2; exit 2; }

# prints "SECONDS CPU_SECONDS ACCURACY" of epoch 1 from the run's JSON on stdin
java_epoch() {
  "$python" -c 'import json, sys; e = json.load(sys.stdin)["epochs"][1]; print(e["seconds"], e["cpuSeconds"], e["testAccuracy"])'
}

ratio() {
  "$python" -c "print(f'{$1 / $2:.2f}')"
}

printf '%-5s %-7s %-3s %8s %8s %8s %8s %8s %8s %6s %6s\n' model threads run java_s java_cpu java_acc \
    torch_s torch_cpu torch_acc wall cpu
for model in $models; do
  case "$model" in
    mlp) network=(--layers 784,256,10); script="$here/train_epoch_torch.py" ;;
    cnn) network=(--conv 8,16 --layers 784,10); script="$here/train_epoch_torch_cnn.py" ;;
    *) echo "train-vs-torch: unknown model $model (mlp or cnn)" >&2; exit 2 ;;
  esac
  for t in $threads; do
    for run in $(seq 1 "$repeats"); do
      read -r js jcpu jacc < <(java -Xmx512m -XX:ActiveProcessorCount="$t" -jar "$jar" train --data "$data" \
          "${network[@]}" --activation relu --init he --optimizer adam --lr 0.001 --batch 64 --epochs 1 \
          --seed "$run" --threads "$t" -q --json - | java_epoch)
      line="$("$python" "$script" "$data" --threads "$t" --epochs 1 --batch 64 --seed "$run")"
      # "epoch 1: 1.62 s (cpu 1.60 s), test accuracy 0.8437, torch 2.13.0+cpu, 1 threads"
      ts="$(sed -E 's/^epoch 1: ([0-9.]+) s.*/\1/' <<<"$line")"
      tcpu="$(sed -E 's/.*\(cpu ([0-9.]+) s\).*/\1/' <<<"$line")"
      tacc="$(sed -E 's/.*test accuracy ([0-9.]+),.*/\1/' <<<"$line")"
      printf '%-5s %-7s %-3s %8.2f %8.2f %8.4f %8.2f %8.2f %8s %6s %6s\n' "$model" "$t" "$run" "$js" "$jcpu" "$jacc" \
          "$ts" "$tcpu" "$tacc" "$(ratio "$js" "$ts")" "$(ratio "$jcpu" "$tcpu")"
    done
  done
done
