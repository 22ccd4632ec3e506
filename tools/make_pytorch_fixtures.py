#!/usr/bin/env python3
"""Writes the PyTorch checkpoint test fixtures with the reference library (torch.save).

Run from the repository root, in a throwaway venv with torch (the wheel is on disk):

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install --no-index --find-links /opt/wheels --find-links /opt/pypi/files torch numpy
    /tmp/torchenv/bin/python tools/make_pytorch_fixtures.py

It writes, under jaynes-formats/src/test/resources/pytorch/:

    mixed.pt          a flat OrderedDict state dict, as nn.Module.state_dict() gives: f64, f32, f16, bf16,
                      int64, int32, int16, int8, uint8, bool and uint16 (the last pickled through
                      _rebuild_tensor_v3 and an untyped storage); a scalar, an empty tensor, ranks 1 to 3;
                      a tied weight (lm_head.weight is the embedding tensor itself, one storage); two
                      views of one storage at non-zero offsets; an nn.Parameter (_rebuild_parameter)
    checkpoint.pt     a training checkpoint: {"epoch", "state_dict": nested dicts and a list, "optimizer"}
    protocol4.pt      a state dict pickled with protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL, SHORT_BINUNICODE)
    single.pt         torch.save of one bare tensor
    transposed.pt     a transposed (non-contiguous) view, which jaynes refuses
    legacy.pt         the legacy, non-zip format (_use_new_zipfile_serialization=False); the legacy reader's
                      own fixtures come from make_legacy_pytorch_fixtures.py
    sharded/pytorch_model-0000N-of-00002.bin and sharded/pytorch_model.bin.index.json, as transformers
                      writes a sharded checkpoint
    malicious.pt      a zip checkpoint whose data.pkl calls os.system via REDUCE. Its bytes are written
                      opcode by opcode here and never unpickled: the payload would create
                      /tmp/jaynes-pytorch-payload-ran, which the tests check does not exist
    expected.json     per file and tensor, in state-dict order: name, dtype (torch's name), shape,
                      storage_offset (in elements), the first three values as float64, their float64
                      sum (math.fsum, correctly rounded) and the SHA-256 of the tensor's bytes
                      (little-endian, row-major), so readers can be checked bit for bit

The values come from seeded generators and torch.save writes the same bytes for the same values, so
every run writes the same files.
"""

import collections
import hashlib
import io
import json
import math
import os
import pickle
import pickletools
import struct
import zipfile

import torch

SEED = 20240602
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jaynes-formats", "src", "test", "resources", "pytorch")
PAYLOAD_FILE = "/tmp/jaynes-pytorch-payload-ran"


def normal(gen, *shape, dtype=torch.float32, scale=1.0):
    return (torch.randn(*shape, generator=gen, dtype=torch.float64) * scale).to(dtype)


def integers(gen, low, high, *shape, dtype):
    return torch.randint(low, high, shape, generator=gen, dtype=torch.int64).to(dtype)


def mixed(gen):
    sd = collections.OrderedDict()
    embedding = normal(gen, 32, 16, dtype=torch.float16)
    # the extremes of binary16: largest finite, smallest subnormal, negative zero
    embedding[0, 0], embedding[0, 1], embedding[0, 2] = 65504.0, -2.0 ** -24, -0.0
    sd["embeddings.word_embeddings.weight"] = embedding
    sd["embeddings.position_ids"] = torch.arange(20, dtype=torch.int64).reshape(1, 20) * 3 - 7
    sd["encoder.layer.0.attention.self.query.weight"] = normal(gen, 16, 16, scale=0.125)
    sd["encoder.layer.0.attention.self.query.bias"] = torch.nn.Parameter(normal(gen, 16, scale=0.01))
    sd["encoder.layer.0.output.LayerNorm.weight"] = (1 + normal(gen, 16, scale=0.05)).to(torch.bfloat16)
    sd["pooler.dense.weight"] = normal(gen, 8, 16, dtype=torch.float64, scale=0.3)
    sd["conv1.weight"] = normal(gen, 4, 2, 3, scale=0.5)
    sd["logit_scale"] = torch.tensor(2.6592, dtype=torch.float32)
    sd["empty"] = torch.zeros(0, 4, dtype=torch.float32)
    sd["counts.int32"] = integers(gen, -1000, 1000, 5, dtype=torch.int32)
    sd["counts.int16"] = integers(gen, -300, 300, 5, dtype=torch.int16)
    sd["quant.int8"] = integers(gen, -128, 128, 2, 6, dtype=torch.int8)
    sd["quant.uint8"] = integers(gen, 0, 256, 2, 6, dtype=torch.uint8)
    sd["mask"] = integers(gen, 0, 2, 7, dtype=torch.bool)
    sd["ids.uint16"] = integers(gen, 0, 65536, 6, dtype=torch.int32).to(torch.uint16)
    # one storage, three views: the whole, a slice at offset 3, and two rows at offset 12
    base = normal(gen, 8, 4)
    sd["views.base"] = base
    sd["views.slice"] = base.view(-1)[3:7]
    sd["views.rows"] = base[3:5]
    # tied output head: the same tensor object as the embedding, so one storage in the file
    sd["lm_head.weight"] = embedding
    return sd


def checkpoint(gen):
    return {
        "epoch": 3,
        "note": "training checkpoint",
        "state_dict": {
            "encoder": {"weight": normal(gen, 6, 4), "bias": normal(gen, 6)},
            "blocks": [normal(gen, 2, 2), normal(gen, 3, dtype=torch.float16)],
            "head.weight": normal(gen, 3, 6, dtype=torch.bfloat16),
        },
        "optimizer": {"state": {0: {"exp_avg": normal(gen, 6, 4)}}, "param_groups": [{"lr": 0.001}]},
    }


def shards(gen):
    first = collections.OrderedDict()
    first["model.embed_tokens.weight"] = normal(gen, 10, 8, dtype=torch.bfloat16)
    first["model.layers.0.self_attn.q_proj.weight"] = normal(gen, 8, 8, scale=0.2)
    second = collections.OrderedDict()
    second["model.layers.0.mlp.down_proj.weight"] = normal(gen, 8, 12, dtype=torch.float16, scale=0.2)
    second["model.norm.weight"] = torch.ones(8, dtype=torch.float32)
    return [first, second]


def flat_tensors(value, prefix=""):
    """(name, tensor) in the order jaynes walks a state dict."""
    if isinstance(value, torch.Tensor):
        yield prefix, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from flat_tensors(child, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, (list, tuple)):
        for i, child in enumerate(value):
            yield from flat_tensors(child, f"{prefix}.{i}" if prefix else str(i))


def raw_bytes(t):
    t = t.detach().contiguous()
    if t.dtype in (torch.bfloat16, torch.uint16):
        t = t.view(torch.int16)  # numpy has no bfloat16; the bits are what matter
    return t.numpy().tobytes()


def describe(name, t):
    t = t.detach()
    wide = t.to(torch.int32) if t.dtype == torch.uint16 else t  # few ops take uint16
    values = [float(v) for v in wide.reshape(-1).to(torch.float64).tolist()]
    return {
        "name": name,
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "storage_offset": t.storage_offset(),
        "first": values[:3],
        "sum": math.fsum(values),
        "sha256": hashlib.sha256(raw_bytes(t)).hexdigest(),
    }


def malicious_pickle():
    """os.system(command) via GLOBAL + REDUCE, written opcode by opcode; never loaded here."""
    command = f"touch {PAYLOAD_FILE}".encode()
    return (b"\x80\x02"                                  # PROTO 2
            + b"cos\nsystem\n"                           # GLOBAL 'os system'
            + b"X" + struct.pack("<I", len(command)) + command  # BINUNICODE command
            + b"\x85"                                    # TUPLE1
            + b"R"                                       # REDUCE: os.system(command)
            + b".")                                      # STOP


def write_malicious(path):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, data in [("malicious/data.pkl", malicious_pickle()), ("malicious/byteorder", b"little"),
                           ("malicious/version", b"3\n")]:
            info = zipfile.ZipInfo(name, date_time=(2024, 6, 2, 0, 0, 0))
            z.writestr(info, data)


def write_legacy(obj, path):
    """The legacy format names storages by memory address; renumber them so every run writes the same bytes."""
    buffer = io.BytesIO()
    torch.save(obj, buffer, _use_new_zipfile_serialization=False)
    data = buffer.getvalue()
    stream = io.BytesIO(data)
    for _ in range(3):  # magic number, protocol version, system info
        pickle.load(stream)
    for _ in pickletools.genops(stream):  # skip the object's pickle without loading it
        pass
    keys = pickle.load(stream)  # the storage keys: a list of str
    for i, key in enumerate(keys):
        data = data.replace(key.encode(), str(i).zfill(len(key)).encode())
    with open(path, "wb") as f:
        f.write(data)


def main():
    gen = torch.Generator().manual_seed(SEED)
    os.makedirs(os.path.join(OUT, "sharded"), exist_ok=True)
    expected = {"seed": SEED, "files": {}}

    def save(obj, relative, walked=None, pickle_protocol=2):
        torch.save(obj, os.path.join(OUT, relative), pickle_protocol=pickle_protocol)
        walked = obj if walked is None else walked
        expected["files"][relative] = [describe(n, t) for n, t in flat_tensors(walked)]

    sd = mixed(gen)
    save(sd, "mixed.pt")
    ckpt = checkpoint(gen)
    save(ckpt, "checkpoint.pt", walked=ckpt["state_dict"])
    save(shards(gen)[0], "protocol4.pt", pickle_protocol=4)
    single = normal(gen, 3, 5)
    torch.save(single, os.path.join(OUT, "single.pt"))
    expected["files"]["single.pt"] = [describe("single", single)]
    torch.save({"w": normal(gen, 4, 3).t()}, os.path.join(OUT, "transposed.pt"))
    write_legacy({"w": normal(gen, 2, 2)}, os.path.join(OUT, "legacy.pt"))

    weight_map, total = {}, 0
    parts = shards(gen)
    for i, part in enumerate(parts, start=1):
        shard = f"pytorch_model-{i:05d}-of-{len(parts):05d}.bin"
        save(part, f"sharded/{shard}")
        for name, t in part.items():
            weight_map[name] = shard
            total += t.numel() * t.element_size()
    with open(os.path.join(OUT, "sharded", "pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)
        f.write("\n")

    write_malicious(os.path.join(OUT, "malicious.pt"))
    expected["malicious"] = {"file": "malicious.pt", "global": "os.system", "payload_creates": PAYLOAD_FILE}

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
