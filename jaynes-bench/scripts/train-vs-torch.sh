#!/usr/bin/env bash
# One training epoch of the same MLP in jaynes (Java) and in PyTorch, side by side, on 1 and 2 threads.
#
#   jaynes-bench/scripts/train-vs-torch.sh [DATA_DIR]
#
# Builds nothing: needs jaynes-cli/target/jaynes.jar (mvn -B -DskipTests -pl jaynes-cli -am package) and a
# Python with torch, for example
#   python3 -m venv /tmp/venv-torch
#   /tmp/venv-torch/bin/pip install --no-index --find-links /opt/wheels --find-links /opt/pypi/files torch numpy
# Both sides train 784-256-10 ReLU, He-normal weights, zero biases, softmax cross-entropy, Adam (lr 1e-3),
# batch 64, one pass over the 60,000 training images of DATA_DIR (default /usr/share/datasets/fashion-mnist),
# pixels / 255, shuffled; each times the epoch alone (not loading, not evaluation) and reports the test
# accuracy. For each thread count T the two run one after the other, REPEATS times (default 3), so that both
# see the same load; each line prints both times and their ratio, Java / PyTorch.
#
# Environment: PYTHON (default /tmp/venv-torch/bin/python), JAYNES_JAR, THREADS (default "1 2"), REPEATS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
python="${PYTHON:-/tmp/venv-torch/bin/python}"
jar="${JAYNES_JAR:-$root/jaynes-cli/target/jaynes.jar}"
threads="${THREADS:-1 2}"
repeats="${REPEATS:-3}"

[[ -f "$jar" ]] || { echo "train-vs-torch: no $jar; build it with: mvn -B -DskipTests -pl jaynes-cli -am package" >&2; exit 2; }
"$python" -c 'import torch' 2>/dev/null || { echo "train-vs-torch: $python cannot import torch (set PYTHON)" >&2; exit 2; }
[[ -d "$data" ]] || { echo "train-vs-torch: no data folder $data" >&2; exit 2; }

# prints "SECONDS ACCURACY" of epoch 1 from the run's JSON on stdin
java_epoch() {
  "$python" -c 'import json, sys; e = json.load(sys.stdin)["epochs"][1]; print(e["seconds"], e["testAccuracy"])'
}

printf '%-8s %-3s %10s %8s %10s %8s %7s\n' threads run java_s java_acc torch_s torch_acc ratio
for t in $threads; do
  for run in $(seq 1 "$repeats"); do
    read -r js jacc < <(java -Xmx256m -jar "$jar" train --data "$data" --layers 784,256,10 --activation relu \
        --init he --optimizer adam --lr 0.001 --batch 64 --epochs 1 --seed "$run" --threads "$t" -q --json - \
        | java_epoch)
    line="$("$python" "$here/train_epoch_torch.py" "$data" --threads "$t" --epochs 1 --batch 64 --seed "$run")"
    # "epoch 1: 1.62 s, test accuracy 0.8437, torch 2.13.0+cpu, 1 threads"
    ts="$(sed -E 's/^epoch 1: ([0-9.]+) s.*/\1/' <<<"$line")"
    tacc="$(sed -E 's/.*test accuracy ([0-9.]+),.*/\1/' <<<"$line")"
    ratio="$("$python" -c "print(f'{$js / $ts:.2f}')")"
    printf '%-8s %-3s %10.2f %8.4f %10.2f %8s %7s\n' "$t" "$run" "$js" "$jacc" "$ts" "$tacc" "$ratio"
  done
done
