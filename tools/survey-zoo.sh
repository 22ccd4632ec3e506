#!/usr/bin/env bash
# Surveys the zoo that tools/fetch-zoo.sh fetches: every model's layers in one table, the universality
# test across models, and one page (see docs/findings.md for what it found). The survey's outputs go to
# OUT (default /tmp/jaynes-zoo); a second run reuses the saved reports of unchanged models.
#
# Usage: tools/survey-zoo.sh [OUT] [survey options...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-/tmp/jaynes-zoo}
shift || true
bash tools/fetch-zoo.sh
source tools/zoo-models.sh
models=("${zoo_models[@]}")
start=$(date +%s.%N)
set +e
./jaynes survey "${models[@]}" --out "$out" "$@"
status=$?
set -e
end=$(date +%s.%N)
printf 'survey-zoo: %d models, %s MB, %.1f s, exit %d; page: %s/survey.html\n' "${#models[@]}" \
    "$(du -cm "${zoo_files[@]}" | tail -1 | cut -f1)" \
    "$(echo "$end - $start" | bc)" "$status" "$out"
exit $status
