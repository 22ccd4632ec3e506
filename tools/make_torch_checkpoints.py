#!/usr/bin/env python3
"""Writes a small checkpoint series made by PyTorch, for the survey's tests of --checkpoints.

Run from the repository root, in a throwaway venv with torch (the wheel is on disk):

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install --no-index --find-links DIR torch numpy
    /tmp/torchenv/bin/python tools/make_torch_checkpoints.py

A two-layer network (64 -> 64 -> 4, seed 7) learns a random teacher's labels with SGD; its state dict is
saved with torch.save (the zip layout) after steps 0, 5 and 40, as a training loop names its checkpoints:

    jaynes-survey/src/test/resources/torch-run/step-0.pt, step-5.pt, step-40.pt
    jaynes-survey/src/test/resources/torch-run.json    per step, numpy's mu and sigma of ln|w| (ddof 0) of
                                                       the 64 x 64 weight, the one layer with 4,096 weights

The folder holds nothing else, so CheckpointSeries takes all three files.
"""
import json
import os

import numpy as np
import torch

OUT = "jaynes-survey/src/test/resources/torch-run"
STEPS = (0, 5, 40)


def main():
    torch.manual_seed(7)
    net = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 4))
    teacher = torch.randn(64, 4)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    os.makedirs(OUT, exist_ok=True)
    golden = {}
    for step in range(max(STEPS) + 1):
        if step in STEPS:
            torch.save(net.state_dict(), os.path.join(OUT, f"step-{step}.pt"))
            w = net[0].weight.detach().numpy().astype(np.float64).ravel()
            logs = np.log(np.abs(w[w != 0]))
            golden[f"step-{step}.pt"] = {"step": step, "mu": float(logs.mean()), "sigma": float(logs.std())}
        x = torch.randn(32, 64)
        loss = torch.nn.functional.cross_entropy(net(x), (x @ teacher).argmax(dim=1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with open(OUT + ".json", "w") as f:
        json.dump({"layer": "0.weight", "checkpoints": golden}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
