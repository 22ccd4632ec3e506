#!/usr/bin/env python3
"""Writes the legacy torch.save test fixtures (the layout before torch 1.6) with the reference library.

Run from the repository root, in a throwaway venv with torch and numpy (the wheels are on disk):

    python3 -m venv /tmp/venv-torch
    /tmp/venv-torch/bin/pip install --no-index --find-links DIR torch numpy   # DIR: find / -name 'torch-*.whl'
    /tmp/venv-torch/bin/python tools/make_legacy_pytorch_fixtures.py

Every file is written by torch.save(obj, f, _use_new_zipfile_serialization=False): five pickles (the magic
number, the protocol version 1001, the system info, the object whose storages are persistent ids
('storage', type, key, location, numel, None), the sorted list of storage keys), then each storage in the
order of that list as a little-endian int64 element count followed by its raw bytes. It writes, under
jaynes-formats/src/test/resources/pytorch/legacy/:

    state_dict.pt     an OrderedDict state dict: f32, f16, bf16, f64, int64, int32, int16, int8, uint8 and
                      bool; a scalar and an empty tensor; an nn.Parameter (_rebuild_parameter); a tied
                      weight (lm_head.weight is the embedding tensor, one storage); three views of one
                      storage (the whole, a slice at offset 3, two rows at offset 12)
    checkpoint.pt     a training checkpoint: {"epoch", "state_dict": nested dicts, an OrderedDict and a list,
                      "optimizer": state with tensors of its own}; jaynes reads only the state dict
    protocol4.pt      a state dict pickled with protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL)
    single.pt         one bare tensor
    transposed.pt     a transposed (non-contiguous) view, which jaynes refuses as it does in zip checkpoints
    module.pt         the state_dict() of a small torch.nn network (Conv2d, BatchNorm2d with its int64
                      num_batches_tracked, Linear), as training code of the torch 1.x era saved it
    whole_module.pt   torch.save of an nn.Linear itself (its class pickled), which jaynes refuses with a hint
    expected.json     per file and tensor, in state-dict order: name, dtype, shape, storage_offset, the first
                      three values, their math.fsum and the SHA-256 of the tensor's bytes (as
                      make_pytorch_fixtures.py records them), and for floating-point tensors numpy's
                      mu = mean ln|w| and sigma = std ln|w| (ddof 0) over the non-zero values, in float64 (not for
                      a tensor whose |w| are all one value)

The legacy layout names storages by memory address; the keys are renumbered in order of first appearance
(zero-padded to the same length) and the storages written in the sorted order of the new keys, as torch
would have, so that every run writes the same bytes for the same seeded values.
"""

import collections
import io
import json
import math
import os
import pickle
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import describe, flat_tensors, integers, normal  # noqa: E402

SEED = 20261207
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jaynes-formats", "src", "test", "resources", "pytorch", "legacy")
FLOATS = (torch.float64, torch.float32, torch.float16, torch.bfloat16)


def state_dict(gen):
    sd = collections.OrderedDict()
    embedding = normal(gen, 24, 16, dtype=torch.float16, scale=0.5)
    sd["embeddings.word_embeddings.weight"] = embedding
    sd["embeddings.position_ids"] = torch.arange(12, dtype=torch.int64).reshape(1, 12)
    sd["encoder.layer.0.attention.self.query.weight"] = normal(gen, 32, 24, scale=0.125)
    sd["encoder.layer.0.attention.self.query.bias"] = torch.nn.Parameter(normal(gen, 32, scale=0.01))
    sd["encoder.layer.0.output.dense.weight"] = normal(gen, 24, 32, dtype=torch.bfloat16, scale=0.2)
    sd["encoder.layer.0.output.LayerNorm.weight"] = (1 + normal(gen, 24, scale=0.05)).to(torch.bfloat16)
    sd["pooler.dense.weight"] = normal(gen, 16, 24, dtype=torch.float64, scale=0.3)
    sd["logit_scale"] = torch.tensor(2.6592, dtype=torch.float32)
    sd["empty"] = torch.zeros(0, 4, dtype=torch.float32)
    sd["counts.int32"] = integers(gen, -1000, 1000, 5, dtype=torch.int32)
    sd["counts.int16"] = integers(gen, -300, 300, 5, dtype=torch.int16)
    sd["quant.int8"] = integers(gen, -128, 128, 2, 6, dtype=torch.int8)
    sd["quant.uint8"] = integers(gen, 0, 256, 2, 6, dtype=torch.uint8)
    sd["mask"] = integers(gen, 0, 2, 7, dtype=torch.bool)
    # one storage, three views: the whole, a slice at offset 3, and two rows at offset 12
    base = normal(gen, 8, 4)
    sd["views.base"] = base
    sd["views.slice"] = base.view(-1)[3:7]
    sd["views.rows"] = base[3:5]
    sd["lm_head.weight"] = embedding  # tied: the same tensor, one storage in the file
    return sd


def checkpoint(gen):
    inner = collections.OrderedDict()
    inner["weight"] = normal(gen, 12, 8, dtype=torch.float16)
    return {
        "epoch": 7,
        "note": "training checkpoint",
        "state_dict": {
            "encoder": {"weight": normal(gen, 16, 8), "bias": normal(gen, 16)},
            "decoder": inner,
            "blocks": [normal(gen, 4, 4), normal(gen, 3, dtype=torch.float64)],
        },
        "optimizer": {"state": {0: {"exp_avg": normal(gen, 16, 8)}}, "param_groups": [{"lr": 0.001}]},
    }


def protocol4(gen):
    sd = collections.OrderedDict()
    sd["conv1.weight"] = normal(gen, 8, 3, 3, 3, scale=0.3)
    sd["conv1.bias"] = normal(gen, 8, dtype=torch.bfloat16)
    return sd


ELEMENT_SIZES = {"DoubleStorage": 8, "FloatStorage": 4, "HalfStorage": 2, "BFloat16Storage": 2, "LongStorage": 8,
                 "IntStorage": 4, "ShortStorage": 2, "CharStorage": 1, "ByteStorage": 1, "BoolStorage": 1}


class _Inert:
    """Stands for every class and function a pickle names: calls, instantiations and BUILDs do nothing."""

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return _Inert()

    def __setstate__(self, state):
        pass


class _StorageKeys(pickle.Unpickler):
    """Walks the object's pickle without running it: each storage key in order of first appearance, with its
    element size."""

    def __init__(self, stream):
        super().__init__(stream)
        self.sizes = {}

    def find_class(self, module, name):
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        return name if name in ELEMENT_SIZES else _Inert

    def persistent_load(self, pid):
        if pid[0] == "storage":
            self.sizes.setdefault(pid[2], ELEMENT_SIZES[pid[1]])
        return _Inert  # a module class of a whole saved network comes by persistent id too


def legacy_bytes(obj, pickle_protocol=2):
    """torch.save's legacy bytes, made the same on every run.

    torch names storages by memory address and writes them in the order of those names. Here the keys are
    renumbered in order of first appearance in the object's pickle (zero-padded to their length), the key
    list is written again sorted, and the storages in that order, as torch would have written them.
    """
    buffer = io.BytesIO()
    torch.save(obj, buffer, _use_new_zipfile_serialization=False, pickle_protocol=pickle_protocol)
    data = buffer.getvalue()
    stream = io.BytesIO(data)
    for _ in range(3):  # magic number, protocol version, system info
        pickle.load(stream)
    object_at = stream.tell()
    walk = _StorageKeys(stream)
    walk.load()
    object_end = stream.tell()
    keys = pickle.load(stream)
    position = stream.tell()
    blocks = {}
    for key in keys:
        count = struct.unpack_from("<q", data, position)[0]
        end = position + 8 + count * walk.sizes[key]
        blocks[key] = data[position:end]
        position = end
    renamed = {key: str(i).zfill(len(key)) for i, key in enumerate(walk.sizes)}
    pickled = data[object_at:object_end]
    for key, new in renamed.items():
        pickled = pickled.replace(key.encode(), new.encode())
    order = sorted(keys, key=lambda k: renamed[k])
    return (data[:object_at] + pickled + pickle.dumps([renamed[k] for k in order], protocol=pickle_protocol)
            + b"".join(blocks[k] for k in order))


def log_stats(t):
    """numpy's mu and sigma of ln|w| over the non-zero values, float64; None for other tensors and constant |w|."""
    if t.dtype not in FLOATS:
        return None
    w = t.detach().to(torch.float64).reshape(-1).numpy()
    w = np.abs(w[w != 0])
    if w.size == 0 or np.all(w == w[0]):
        return None  # no values, or one |w| (BatchNorm's initial ones): sigma 0 is no test of the arithmetic
    logs = np.log(w)
    return {"mu": float(np.mean(logs)), "sigma": float(np.std(logs))}


def row(name, t):
    described = describe(name, t)
    stats = log_stats(t)
    if stats is not None:
        described.update(stats)
    return described


def main():
    gen = torch.Generator().manual_seed(SEED)
    os.makedirs(OUT, exist_ok=True)
    expected = {"seed": SEED, "files": {}}

    def save(obj, name, walked=None, pickle_protocol=2):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(legacy_bytes(obj, pickle_protocol))
        walked = obj if walked is None else walked
        expected["files"][name] = [row(n, t) for n, t in flat_tensors(walked)]

    save(state_dict(gen), "state_dict.pt")
    ckpt = checkpoint(gen)
    save(ckpt, "checkpoint.pt", walked=ckpt["state_dict"])
    save(protocol4(gen), "protocol4.pt", pickle_protocol=4)
    single = normal(gen, 6, 5)
    save(single, "single.pt", walked={"single": single})
    with open(os.path.join(OUT, "transposed.pt"), "wb") as f:
        f.write(legacy_bytes({"w": normal(gen, 4, 3).t()}))
    torch.manual_seed(SEED)
    network = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
                                  torch.nn.Flatten(), torch.nn.Linear(8 * 4 * 4, 10))
    network(torch.randn(2, 3, 6, 6))  # one training-mode pass: running statistics and num_batches_tracked move
    save(network.state_dict(), "module.pt")
    with open(os.path.join(OUT, "whole_module.pt"), "wb") as f:
        f.write(legacy_bytes(torch.nn.Linear(4, 2)))

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
