#!/usr/bin/env bash
# Fetches the optional real models and data sets that some tests use into models/ (ignored by git).
# Tests that need a file from here skip, with a message, when it is absent.
#
# Today every test runs on the models that Maven fetches itself (the all-MiniLM-L6-v2 ONNX jar) and on
# small files committed under src/test/resources, so there is nothing to fetch yet; later formats add
# their packages here (npm pack of TFLite and TF.js models, Debian's dataset-fashion-mnist).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p models
echo "fetch-models: nothing to fetch yet; Maven resolves the bundled model itself"
