"""Golden values for jaynes' convolutional network: one forward and backward pass of the PyTorch model that
Network.cnn mirrors, so that a Java test can check the outputs, the loss and every gradient against torch.

    layers = nn.Sequential(
        nn.Conv2d(2, 3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # layers.0: 2x6x9 -> 3x6x9 -> 3x3x4
        nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # layers.3: -> 4x3x4 -> 4x1x2
        nn.Flatten(),                                                # layers.6: 8 values, NCHW order
        nn.Linear(8, 5), nn.ReLU(), nn.Linear(5, 3))                 # layers.7, layers.9

with parameters N(0, 0.5^2) (seed 7), an input batch of 3 images N(0, 1) and labels 2, 0, 1, loss
nn.CrossEntropyLoss() (the mean). Writes, as one f32 safetensors file,
jaynes-nn/src/test/resources/golden/torch-cnn.safetensors holding every parameter under its state_dict name,
"input" [3, 2, 6, 9], "labels" [3] (as floats), "logits" [3, 3], "loss" [1] and "grad.<name>" for each
parameter. The file also proves the names load into this model with load_state_dict(strict=True).

Run: python3 -m venv /tmp/venv-conv && /tmp/venv-conv/bin/pip install --no-index --find-links /opt/wheels \
     torch safetensors numpy && /tmp/venv-conv/bin/python tools/make_torch_cnn_golden.py
"""
import pathlib

import torch
from torch import nn
from safetensors.torch import load_file, save_file

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "jaynes-nn/src/test/resources/golden/torch-cnn.safetensors"


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(2, 3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(8, 5), nn.ReLU(), nn.Linear(5, 3))

    def forward(self, x):
        return self.layers(x)


def main():
    torch.manual_seed(7)
    model = Cnn()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.5)
    x = torch.randn(3, 2, 6, 9)
    labels = torch.tensor([2, 0, 1])
    logits = model(x)
    loss = nn.CrossEntropyLoss()(logits, labels)
    loss.backward()
    tensors = {name: p.detach().clone() for name, p in model.state_dict().items()}
    tensors["input"] = x
    tensors["labels"] = labels.float()
    tensors["logits"] = logits.detach()
    tensors["loss"] = loss.detach().reshape(1)
    for name, p in model.named_parameters():
        tensors["grad." + name] = p.grad.clone()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(OUT),
              metadata={"producer": "tools/make_torch_cnn_golden.py", "torch": torch.__version__})
    check = Cnn()
    state = {k: v for k, v in load_file(str(OUT)).items() if k.startswith("layers.")}
    check.load_state_dict(state, strict=True)
    print(OUT, "loss", float(loss.detach()))


if __name__ == "__main__":
    main()
