"""A network written out as a standalone PyTorch snippet (needs torch only, not actlab).

Each activation maps to the torch module whose output equals actlab's (as
:mod:`actlab.interop.torch` does); softplus, sin, square and step get small
exact modules defined in the snippet. Weights are written with ``repr`` so the
snippet rebuilds the network to the last bit, in float64.
"""

from __future__ import annotations

from ..network import Network

__all__ = ["TORCH_MODULES", "torch_snippet"]

TORCH_MODULES = {
    "identity": "nn.Identity()",
    "sigmoid": "nn.Sigmoid()",
    "tanh": "nn.Tanh()",
    "relu": "nn.ReLU()",
    "leaky_relu": "nn.LeakyReLU(0.01)",
    "hard_sigmoid": "nn.Hardsigmoid()",
    "hard_tanh": "nn.Hardtanh()",
    "softplus": "Softplus()",
    "elu": "nn.ELU()",
    "gelu": "nn.GELU()",
    "silu": "nn.SiLU()",
    "sin": "Sin()",
    "square": "Square()",
    "step": "Step()",
}

_CUSTOM = {
    "softplus": ("Softplus", "log(1 + e^z) without torch's linear switch above z = 20",
                 "torch.logaddexp(z, torch.zeros_like(z))"),
    "sin": ("Sin", "sin(z)", "torch.sin(z)"),
    "square": ("Square", "z²", "z * z"),
    "step": ("Step", "Heaviside step, 1 for z ≥ 0", "(z >= 0).to(z.dtype)"),
}  # fmt: skip


def _tensor(values: list) -> str:
    return f"torch.tensor({values!r}, dtype=torch.float64)"


def torch_snippet(net: Network) -> str:
    """Python source that builds ``net`` as ``torch.nn.Sequential`` and evaluates it."""
    sizes = [1, *net.widths, 1]
    shape = "-".join(str(s) for s in sizes)
    acts = ", ".join(net.activations) or "no hidden layer"
    lines = [
        f'"""An actlab network {shape} ({acts}) as PyTorch, in float64."""',
        "",
        "import torch",
        "from torch import nn",
        "",
    ]
    for name in dict.fromkeys(net.activations):
        if name in _CUSTOM:
            cls, doc, expr = _CUSTOM[name]
            lines += [
                "",
                f"class {cls}(nn.Module):",
                f'    """{doc}."""',
                "",
                "    def forward(self, z: torch.Tensor) -> torch.Tensor:",
                f"        return {expr}",
                "",
            ]
    layers, linear_index = [], []
    for w, name in zip(net.weights, [*net.activations, None], strict=True):
        linear_index.append(len(layers))
        layers.append(f"nn.Linear({w.shape[1]}, {w.shape[0]})")
        if name is not None:
            layers.append(TORCH_MODULES[name])
    lines += ["", "net = nn.Sequential("]
    lines += [f"    {layer}," for layer in layers]
    lines += [").double()", "", "with torch.no_grad():"]
    for k, w, b in zip(linear_index, net.weights, net.biases, strict=True):
        lines.append(f"    net[{k}].weight.copy_({_tensor(w.tolist())})")
        lines.append(f"    net[{k}].bias.copy_({_tensor(b.tolist())})")
    lines += [
        "",
        'if __name__ == "__main__":',
        "    x = torch.linspace(-2.0, 6.0, 9, dtype=torch.float64).unsqueeze(1)",
        "    print(torch.cat([x, net(x)], dim=1))",
        "",
    ]
    return "\n".join(lines)
