# The zoo that tools/fetch-zoo.sh fetches, as arguments for jaynes; sourced from the repository's root, after
# the fetch, by the tools that survey or time it:
#   zoo_models: one argument per model (a TF.js model by its model.json or weights manifest);
#   zoo_files:  every file those models read (a TF.js model's weights are the .bin files beside it).
zoo_models=(models/zoo/human/*.json models/zoo/face-api/*-weights_manifest.json models/zoo/mediapipe-*/*.tflite
  models/zoo/vad-web/*.onnx models/zoo/embeddings/*.onnx)
zoo_files=(models/zoo/human/*.bin models/zoo/face-api/*.bin models/zoo/mediapipe-*/*.tflite models/zoo/vad-web/*.onnx
  models/zoo/embeddings/*.onnx)
