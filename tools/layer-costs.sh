#!/usr/bin/env bash
# Where the analysis of a set of models spends its CPU, by kind of layer (dtype and size class): every
# population summarised (reads, choice of the cells to refine, cells) and fitted on one thread, warm, with the
# milliseconds of each kind summed (org.jaynes.bench.LayerCosts). Default: the zoo that tools/fetch-zoo.sh
# fetches. Not part of mvn verify: the zoo takes about a minute.
#
# Usage: tools/layer-costs.sh [MODEL...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if (($# > 0)); then
  models=("$@")
else
  bash tools/fetch-zoo.sh >/dev/null
  source tools/zoo-models.sh
  models=("${zoo_models[@]}")
fi
mvn -q -B --no-transfer-progress -Dstyle.color=never -DskipTests -pl jaynes-bench -am package
java -Xmx1g -cp jaynes-bench/target/jaynes-bench.jar org.jaynes.bench.LayerCosts "${models[@]}"
