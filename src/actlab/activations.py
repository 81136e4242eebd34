"""The activation table: public name → value, derivative, formula and properties.

Each entry keeps the function and its derivative side by side so that the
maths reads together. Every function takes and returns float arrays, is
vectorised, and is numerically stable for large |z| (no overflow warnings):
sigmoid uses the logistic form that never exponentiates a positive number,
softplus uses ``logaddexp``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import special

from .errors import ConfigError

__all__ = ["ACTIVATIONS", "Activation", "get", "names", "sigmoid"]

Array = np.ndarray
Fn = Callable[[Array], Array]

LEAKY_SLOPE = 0.01  # as torch.nn.LeakyReLU's default


def sigmoid(z: Array) -> Array:
    """σ(z) = 1 / (1 + e^(−z)), evaluated without overflow."""
    return special.expit(z)


def _d_sigmoid(z: Array) -> Array:
    s = special.expit(z)
    return s * (1.0 - s)


def _tanh(z: Array) -> Array:
    return np.tanh(z)


def _d_tanh(z: Array) -> Array:
    t = np.tanh(z)
    return 1.0 - t * t


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _d_relu(z: Array) -> Array:
    return (z > 0).astype(np.result_type(z, np.float64))


def _leaky_relu(z: Array) -> Array:
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def _d_leaky_relu(z: Array) -> Array:
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def _hard_sigmoid(z: Array) -> Array:
    # torch.nn.Hardsigmoid: relu6(z + 3) / 6, a ramp from (−3, 0) to (3, 1).
    return np.clip(z / 6.0 + 0.5, 0.0, 1.0)


def _d_hard_sigmoid(z: Array) -> Array:
    return np.where((z > -3.0) & (z < 3.0), 1.0 / 6.0, 0.0)


def _hard_tanh(z: Array) -> Array:
    return np.clip(z, -1.0, 1.0)


def _d_hard_tanh(z: Array) -> Array:
    return np.where((z > -1.0) & (z < 1.0), 1.0, 0.0)


def _softplus(z: Array) -> Array:
    return np.logaddexp(0.0, z)


def _elu(z: Array) -> Array:
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))


def _d_elu(z: Array) -> Array:
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))


_SQRT1_2 = 1.0 / np.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


def _gelu(z: Array) -> Array:
    # exact GELU: z·Φ(z)
    return 0.5 * z * (1.0 + special.erf(z * _SQRT1_2))


def _d_gelu(z: Array) -> Array:
    # Φ(z) + z·φ(z)
    return 0.5 * (1.0 + special.erf(z * _SQRT1_2)) + z * _INV_SQRT_2PI * np.exp(-0.5 * z * z)


def _silu(z: Array) -> Array:
    return z * special.expit(z)


def _d_silu(z: Array) -> Array:
    s = special.expit(z)
    return s * (1.0 + z * (1.0 - s))


def _step(z: Array) -> Array:
    return (z >= 0).astype(np.result_type(z, np.float64))


def _identity(z: Array) -> Array:
    return np.asarray(z, dtype=np.result_type(z, np.float64))


def _one(z: Array) -> Array:
    return np.ones_like(z, dtype=np.result_type(z, np.float64))


@dataclass(frozen=True)
class Activation:
    """One row of the table: a function, its derivative and what is known of it."""

    name: str
    fn: Fn
    derivative: Fn | None  # None: not trainable by gradients
    symbol: str  # how formulas write it: σ, tanh, relu …
    plain: str  # plain-text formula of the function of z
    latex: str  # LaTeX formula of the function of z
    bounded: bool
    monotone: bool
    polynomial: bool
    piecewise_linear: bool
    range: tuple[float, float]  # image of ℝ (closure), may be infinite

    @property
    def trainable(self) -> bool:
        """Whether gradient methods can train a network using it."""
        return self.derivative is not None

    def __call__(self, z: Array) -> Array:
        return self.fn(np.asarray(z, dtype=np.float64))

    def grad(self, z: Array) -> Array:
        """dφ/dz at ``z``; raises for the step function."""
        if self.derivative is None:
            raise ConfigError(
                f"the {self.name!r} activation has no useful derivative and cannot be "
                "trained by gradients; use it with construct instead"
            )
        return self.derivative(np.asarray(z, dtype=np.float64))


_INF = float("inf")

_TABLE = [
    Activation("identity", _identity, _one, "", "z", r"z", False, True, True, True, (-_INF, _INF)),
    Activation(
        "sigmoid",
        sigmoid,
        _d_sigmoid,
        "σ",
        "1/(1+exp(-z))",
        r"\sigma(z)=\frac{1}{1+e^{-z}}",
        True,
        True,
        False,
        False,
        (0.0, 1.0),
    ),
    Activation(
        "tanh",
        _tanh,
        _d_tanh,
        "tanh",
        "tanh(z)",
        r"\tanh z",
        True,
        True,
        False,
        False,
        (-1.0, 1.0),
    ),
    Activation(
        "relu",
        _relu,
        _d_relu,
        "relu",
        "max(z, 0)",
        r"\max(z,0)",
        False,
        True,
        False,
        True,
        (0.0, _INF),
    ),
    Activation(
        "leaky_relu",
        _leaky_relu,
        _d_leaky_relu,
        "leaky_relu",
        f"max(z, {LEAKY_SLOPE}*z)",
        rf"\max(z,{LEAKY_SLOPE}z)",
        False,
        True,
        False,
        True,
        (-_INF, _INF),
    ),
    Activation(
        "hard_sigmoid",
        _hard_sigmoid,
        _d_hard_sigmoid,
        "hard_sigmoid",
        "min(max(z/6 + 1/2, 0), 1)",
        r"\min(\max(\tfrac{z}{6}+\tfrac12,0),1)",
        True,
        True,
        False,
        True,
        (0.0, 1.0),
    ),
    Activation(
        "hard_tanh",
        _hard_tanh,
        _d_hard_tanh,
        "hard_tanh",
        "min(max(z, -1), 1)",
        r"\min(\max(z,-1),1)",
        True,
        True,
        False,
        True,
        (-1.0, 1.0),
    ),
    Activation(
        "softplus",
        _softplus,
        sigmoid,
        "softplus",
        "log(1 + exp(z))",
        r"\log(1+e^{z})",
        False,
        True,
        False,
        False,
        (0.0, _INF),
    ),
    Activation(
        "elu",
        _elu,
        _d_elu,
        "elu",
        "z if z > 0 else exp(z) - 1",
        r"\begin{cases}z&z>0\\e^{z}-1&z\le0\end{cases}",
        False,
        True,
        False,
        False,
        (-1.0, _INF),
    ),
    Activation(
        "gelu",
        _gelu,
        _d_gelu,
        "gelu",
        "z*Phi(z)",
        r"z\,\Phi(z)",
        False,
        False,
        False,
        False,
        (-0.17, _INF),
    ),
    Activation(
        "silu",
        _silu,
        _d_silu,
        "silu",
        "z*sigmoid(z)",
        r"z\,\sigma(z)",
        False,
        False,
        False,
        False,
        (-0.279, _INF),
    ),
    Activation(
        "sin", np.sin, np.cos, "sin", "sin(z)", r"\sin z", True, False, False, False, (-1.0, 1.0)
    ),
    Activation(
        "square",
        np.square,
        lambda z: 2.0 * z,
        "square",
        "z**2",
        r"z^{2}",
        False,
        False,
        True,
        False,
        (0.0, _INF),
    ),
    Activation(
        "step",
        _step,
        None,
        "step",
        "1 if z >= 0 else 0",
        r"H(z)",
        True,
        True,
        False,
        False,
        (0.0, 1.0),
    ),
]

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in _TABLE}

# Accepted spellings users type; the table keeps one public name per concept.
_ALIASES = {
    "linear": "identity",
    "none": "identity",
    "logistic": "sigmoid",
    "hardsigmoid": "hard_sigmoid",
    "hardtanh": "hard_tanh",
    "leakyrelu": "leaky_relu",
    "swish": "silu",
    "heaviside": "step",
}


def names(*, trainable: bool | None = None) -> list[str]:
    """Public activation names, optionally only those (not) trainable by gradients."""
    return [n for n, a in ACTIVATIONS.items() if trainable is None or a.trainable == trainable]


def get(name: str | Activation) -> Activation:
    """Look up an activation by public name (a few common aliases accepted)."""
    if isinstance(name, Activation):
        return name
    if isinstance(name, str):
        key = name.strip().lower().replace("-", "_")
        key = _ALIASES.get(key.replace("_", ""), _ALIASES.get(key, key))
        if key in ACTIVATIONS:
            return ACTIVATIONS[key]
    raise ConfigError(
        f"the 'activation' parameter must be one of {', '.join(ACTIVATIONS)}; got {name!r} instead"
    )
