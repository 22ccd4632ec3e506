"""Golden values for jaynes' convolutional network: one forward and backward pass of the PyTorch model that
Network.cnn mirrors, so that a Java test can check the outputs, the loss and every gradient against torch.
Two files: torch-cnn.safetensors (3x3 kernels, stride 1, padding 1: `--conv 3,4`) and
torch-cnn-options.safetensors (kernel, stride and padding of their own: `--conv 3:5x5/2,4:2x2p0`).

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

The second file holds the same for

    layers = nn.Sequential(
        nn.Conv2d(2, 3, 5, stride=2, padding=2), nn.ReLU(), nn.MaxPool2d(2),  # 3:5x5/2: 2x14x13 -> 3x7x7 -> 3x3x3
        nn.Conv2d(3, 4, 2, stride=1, padding=0), nn.ReLU(), nn.MaxPool2d(2),  # 4:2x2p0: -> 4x2x2 -> 4x1x1
        nn.Flatten(),                                                         # 4 values
        nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3))

with the input [3, 2, 14, 13] and the same seed, scale and labels; its stride-2 first layer skips pixels and its
unpadded even kernel is off-centre, which a 3x3 "same" convolution never tests.

Run: python3 -m venv /tmp/venv-conv && /tmp/venv-conv/bin/pip install --no-index --find-links /opt/wheels \
     --find-links /opt/pypi/files torch safetensors numpy && /tmp/venv-conv/bin/python tools/make_torch_cnn_golden.py
"""
import pathlib

import torch
from torch import nn
from safetensors.torch import load_file, save_file

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "jaynes-nn/src/test/resources/golden"


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


class CnnWithOptions(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(2, 3, 5, stride=2, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(3, 4, 2, stride=1, padding=0), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3))

    def forward(self, x):
        return self.layers(x)


def main():
    write(Cnn, (3, 2, 6, 9), GOLDEN / "torch-cnn.safetensors")
    write(CnnWithOptions, (3, 2, 14, 13), GOLDEN / "torch-cnn-options.safetensors")


def write(network, input_shape, out):
    torch.manual_seed(7)
    model = network()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.5)
    x = torch.randn(*input_shape)
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
    out.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(out),
              metadata={"producer": "tools/make_torch_cnn_golden.py", "torch": torch.__version__})
    check = network()
    state = {k: v for k, v in load_file(str(out)).items() if k.startswith("layers.")}
    check.load_state_dict(state, strict=True)
    print(out, "loss", float(loss.detach()))


if __name__ == "__main__":
    main()
