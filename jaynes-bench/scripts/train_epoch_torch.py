#!/usr/bin/env python3
"""One epoch of the MLP that `jaynes train` trains, in PyTorch on the CPU, for a side-by-side time.

Same network (784-256-10, ReLU, nn.Linear's [out, in] weights, He-normal initialisation, zero biases), same
loss (softmax cross-entropy), optimiser (Adam, lr 1e-3), batch (64) and data (Fashion-MNIST IDX files,
pixels / 255, shuffled each epoch). Prints the epoch's wall time and the test accuracy.

    python3 -m venv /tmp/torchenv2 --system-site-packages
    /tmp/torchenv2/bin/pip install --no-index --find-links /opt/wheels torch
    /tmp/torchenv2/bin/python jaynes-bench/scripts/train_epoch_torch.py [DIR] [--threads N] [--epochs E]

and compare with the `seconds` of epoch 1 from
    ./jaynes train --data DIR --layers 784,256,10 --epochs 1 --json -
run on the same machine at the same time. Needs only torch (no numpy).
"""
import argparse
import gzip
import os
import struct
import time

import torch


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        rank = magic & 0xFF
        dims = struct.unpack(">" + "I" * rank, f.read(4 * rank))
        data = bytearray(f.read())
    return torch.frombuffer(data, dtype=torch.uint8).reshape(dims)


def find(directory, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.isfile(path):
            return path
    raise SystemExit(f"no {name} or {name}.gz in {directory}")


def load(directory, prefix):
    images = read_idx(find(directory, prefix + "-images-idx3-ubyte")).reshape(-1, 784).float() / 255
    labels = read_idx(find(directory, prefix + "-labels-idx1-ubyte")).long()
    return images, labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x_train, y_train = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")

    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            torch.nn.init.zeros_(layer.bias)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(len(x_train))
        start = time.perf_counter()
        cpu_start = time.process_time()
        for i in range(0, len(order), args.batch):
            idx = order[i:i + args.batch]
            optimiser.zero_grad(set_to_none=True)
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            optimiser.step()
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        with torch.no_grad():
            accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
        print(f"epoch {epoch}: {seconds:.2f} s (cpu {cpu:.2f} s), test accuracy {accuracy:.4f}, "
              f"torch {torch.__version__}, {args.threads} threads")


if __name__ == "__main__":
    main()
