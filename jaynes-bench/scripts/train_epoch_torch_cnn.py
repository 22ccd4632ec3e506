#!/usr/bin/env python3
"""One epoch of the convolutional network that `jaynes train --conv 8,16 --layers 784,10` trains, in PyTorch on
the CPU, for a side-by-side time; and a check that the weights jaynes saves load into the same torch model.

The model is the one Network.cnn mirrors, with the same parameter names (layers.0, layers.3, layers.7):

    layers = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),    # 1x28x28 -> 8x14x14
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # -> 16x7x7
        nn.Flatten(),                                                 # 784 values, NCHW order
        nn.Linear(784, 10))

He-normal weights (fan-in = in*k*k for a convolution), zero biases, softmax cross-entropy, Adam (lr 1e-3),
batch 64, Fashion-MNIST pixels / 255, shuffled each epoch. Prints the epoch's wall time and test accuracy.

    python3 -m venv /tmp/venv-conv
    /tmp/venv-conv/bin/pip install --no-index --find-links /opt/wheels torch safetensors
    /tmp/venv-conv/bin/python jaynes-bench/scripts/train_epoch_torch_cnn.py [DIR] [--threads N]

and compare with the `seconds` of epoch 1 from
    ./jaynes train --data DIR --conv 8,16 --layers 784,10 --epochs 1
With --load FILE (a jaynes-saved epoch-E.safetensors of that network) it only loads the file with
load_state_dict(strict=True) and prints the test accuracy torch computes with it.
"""
import argparse
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_epoch_torch import load  # noqa: E402  (the same IDX reading as the MLP comparison)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(784, 10))

    def forward(self, x):
        return self.layers(x)


def accuracy(model, x_test, y_test):
    with torch.no_grad():
        return (model(x_test).argmax(1) == y_test).float().mean().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--load", help="a safetensors file saved by jaynes train for this network")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x_train, y_train = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")
    x_train = x_train.reshape(-1, 1, 28, 28)
    x_test = x_test.reshape(-1, 1, 28, 28)
    model = Cnn()

    if args.load:
        from safetensors.torch import load_file
        model.load_state_dict(load_file(args.load), strict=True)
        print(f"{args.load}: loaded with strict=True, test accuracy {accuracy(model, x_test, y_test):.4f}")
        return

    for layer in model.layers:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
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
        print(f"epoch {epoch}: {seconds:.2f} s (cpu {cpu:.2f} s), test accuracy {accuracy(model, x_test, y_test):.4f}, "
              f"torch {torch.__version__}, {args.threads} threads")


if __name__ == "__main__":
    main()
