"""A network with k inputs and one or K outputs: x → hidden layers → linear output.

Layer ``l`` maps h ↦ φ_l(W_l h + b_l), with ``W_l`` of shape (n_out, n_in) as in
``torch.nn.Linear``; the first layer's n_in is the number of inputs k (1 unless
asked for), and the output layer is linear, y = W_out h + b_out. A network
may carry a leading *population* axis: every array then starts with P, and P
networks of the same shape are evaluated as one array computation.

Inputs: for k > 1, X has shape (..., N, k); for k = 1, x has any shape (N,)
(or (N, 1), read as one column) and each entry is one point.

``depth`` counts hidden layers; depth 0 is the single affine map y = a·x + b.

Outputs: one by default (y has shape (..., N)); ``outputs=K`` > 1 gives K
linear outputs, y of shape (..., N, K), the output layer's weights of shape
(K, width) — a K-class classifier's logits (softmax is the loss's business).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import activations as act
from .._budget import check_init
from .._validate import check_choice, check_columns, check_int, check_seed
from ..errors import ConfigError, DataError

__all__ = ["INIT_SCHEMES", "Network", "Trace"]

SCHEMA_FORMAT = "actlab.network"
SCHEMA_VERSION = 1
INIT_SCHEMES = ("torch", "glorot", "he")
MAX_WIDTH = 4096
MAX_DEPTH = 64
MAX_INPUTS = 4096
MAX_POPULATION = 10_000_000
MAX_LATEX_PARAMETERS = 400  # a notebook shows a formula of at most this many parameters
MAX_OUTPUTS = 1024

Array = np.ndarray


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "..."


@dataclass(frozen=True)
class Trace:
    """Every intermediate value of a forward pass (hidden layers in order)."""

    pre_activations: list[Array]  # z_l = W_l h_{l-1} + b_l, shape (..., N, width_l)
    activations: list[Array]  # h_l = φ_l(z_l)
    contributions: Array  # (..., N, width_last): W_out[j]·h_last[j] (inputs k at depth 0);
    # (..., N, K, width_last) for K > 1 outputs
    output: Array  # (..., N) = contributions.sum(-1) + b_out; (..., N, K) for K > 1 outputs


class Network:
    """Weights, biases and one activation per hidden layer; see the module docstring."""

    def __init__(
        self,
        weights: Sequence[Array],
        biases: Sequence[Array],
        activations: Sequence[str],
    ) -> None:
        if not all(isinstance(a, Sequence | np.ndarray) for a in (weights, biases)):
            raise ConfigError(
                "Network(weights, biases, activations) takes the weight matrices, bias vectors "
                f"and activation names of every layer, got {_short(weights)}, {_short(biases)}, "
                f"{_short(activations)}; for a random network of a given shape use "
                "Network.init(width, depth, activation, seed=...), e.g. "
                "Network.init(3, 1, 'sigmoid', seed=0)"
            )
        if isinstance(activations, str):  # one name for every hidden layer
            activations = [activations] * (len(weights) - 1)
        if len(weights) != len(biases) or len(weights) != len(activations) + 1:
            raise ConfigError(
                "a network needs one activation per hidden layer and as many weight "
                f"matrices as bias vectors (hidden layers + 1); got {len(weights)} weights, "
                f"{len(biases)} biases and {len(activations)} activations"
            )
        self.weights = [np.array(w, dtype=np.float64) for w in weights]
        self.biases = [np.array(b, dtype=np.float64) for b in biases]
        self.activations = [act.get(a).name for a in activations]
        self._check_shapes()

    # ------------------------------------------------------------------ shape
    def _check_shapes(self) -> None:
        lead = self.weights[0].shape[:-2]
        if len(lead) > 1:
            raise ConfigError("weights may have at most one leading (population) axis")
        if self.weights[0].ndim < 2 or not 1 <= self.weights[0].shape[-1] <= MAX_INPUTS:
            raise ConfigError(
                f"layer 0: weights must have shape {(*lead, 'width', 'inputs')} with 1 to "
                f"{MAX_INPUTS} inputs, got {self.weights[0].shape}"
            )
        n_in = self.weights[0].shape[-1]
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            if w.ndim != len(lead) + 2 or w.shape[:-2] != lead or w.shape[-1] != n_in:
                raise ConfigError(
                    f"layer {i}: weights must have shape {(*lead, '?', n_in)}, got {w.shape}"
                )
            if b.shape != (*lead, w.shape[-2]):
                raise ConfigError(
                    f"layer {i}: bias must have shape {(*lead, w.shape[-2])}, got {b.shape}"
                )
            n_in = w.shape[-2]
        if not 1 <= n_in <= MAX_OUTPUTS:
            raise ConfigError(f"the output layer must have 1 to {MAX_OUTPUTS} neurons, got {n_in}")

    @property
    def population(self) -> int | None:
        """P for a population of networks, None for a single network."""
        return self.weights[0].shape[0] if self.weights[0].ndim == 3 else None

    @property
    def inputs(self) -> int:
        """Number of inputs k: the columns of X (1 for y = f(x))."""
        return int(self.weights[0].shape[-1])

    @property
    def outputs(self) -> int:
        """Number of outputs K (1 unless made with ``outputs=K``)."""
        return int(self.weights[-1].shape[-2])

    @property
    def depth(self) -> int:
        """Number of hidden layers."""
        return len(self.activations)

    @property
    def widths(self) -> list[int]:
        """Width of each hidden layer."""
        return [int(w.shape[-2]) for w in self.weights[:-1]]

    @property
    def n_parameters(self) -> int:
        """Number of weights and biases of one network."""
        lead = 1 if self.population is None else self.population
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases, strict=True)) // lead

    def __repr__(self) -> str:
        shape = "-".join(str(n) for n in [self.inputs, *self.widths, self.outputs])
        acts = ",".join(self.activations) or "linear"
        pop = "" if self.population is None else f", population={self.population}"
        return f"Network({shape}, {acts}{pop})"

    # --------------------------------------------------------- construction
    @classmethod
    def init(
        cls,
        width: int | Sequence[int] = 3,
        depth: int = 1,
        activation: str | Sequence[str] = "sigmoid",
        *,
        seed: int | Sequence[int],
        scheme: str = "torch",
        population: int | None = None,
        inputs: int = 1,
        outputs: int = 1,
    ) -> Network:
        """A randomly initialised network (or population) that never touches global state.

        ``width`` is one width for every hidden layer (``depth`` of them) or a list of
        widths. ``scheme``: ``torch`` (U(±1/√fan_in) for weights and biases, as
        ``nn.Linear``), ``glorot`` (uniform, zero biases) or ``he`` (normal, zero
        biases). A list of seeds makes a population whose member p equals
        ``init(..., seed=seeds[p])``; an int seed with ``population=P`` draws all P
        at once from one generator (faster for large P). ``inputs`` is the number
        of inputs k; the first layer's weights then have shape (width, k). ``outputs``
        is the number of outputs K (the output layer's weights have shape (K, width)).
        """
        widths = cls._widths(width, depth)
        k_out = check_int("outputs", outputs, 1, MAX_OUTPUTS)
        sizes = [check_int("inputs", inputs, 1, MAX_INPUTS), *widths, k_out]
        acts = cls._activations(activation, len(widths))
        check_choice("scheme", scheme, INIT_SCHEMES)
        check_init(widths, seed, population)  # refuse what would not fit in memory
        if isinstance(seed, Sequence) and not isinstance(seed, str):
            if population is not None:
                raise ConfigError("give either a list of seeds or population=P, not both")
            seeds = [check_seed(s) for s in seed]
            if not 1 <= len(seeds) <= MAX_POPULATION:
                raise ConfigError(
                    f"a population needs between 1 and {MAX_POPULATION} seeds, got {len(seeds)}"
                )
            members = [cls._draw(sizes, scheme, np.random.default_rng(s), None) for s in seeds]
            ws = [np.stack([m[0][i] for m in members]) for i in range(len(widths) + 1)]
            bs = [np.stack([m[1][i] for m in members]) for i in range(len(widths) + 1)]
            return cls(ws, bs, acts)
        rng = np.random.default_rng(check_seed(seed))
        if population is not None:
            population = check_int("population", population, 1, MAX_POPULATION)
        ws, bs = cls._draw(sizes, scheme, rng, population)
        return cls(ws, bs, acts)

    @staticmethod
    def _widths(width: int | Sequence[int], depth: int) -> list[int]:
        if isinstance(width, Sequence):
            return [check_int("width", w, 1, MAX_WIDTH) for w in width]
        depth = check_int("depth", depth, 0, MAX_DEPTH)
        return [check_int("width", width, 1, MAX_WIDTH)] * depth

    @staticmethod
    def _activations(activation: str | Sequence[str], depth: int) -> list[str]:
        if isinstance(activation, str):
            return [act.get(activation).name] * depth
        names = [act.get(a).name for a in activation]
        if len(names) != depth:
            raise ConfigError(
                f"the 'activation' parameter needs one name per hidden layer ({depth}), "
                f"got {len(names)}"
            )
        return names

    @staticmethod
    def _draw(
        sizes: list[int], scheme: str, rng: np.random.Generator, population: int | None
    ) -> tuple[list[Array], list[Array]]:
        lead = () if population is None else (population,)
        ws, bs = [], []
        for fan_in, fan_out in itertools.pairwise(sizes):
            if scheme == "torch":
                bound = 1.0 / np.sqrt(fan_in)
                w = rng.uniform(-bound, bound, (*lead, fan_out, fan_in))
                b = rng.uniform(-bound, bound, (*lead, fan_out))
            elif scheme == "glorot":
                bound = np.sqrt(6.0 / (fan_in + fan_out))
                w = rng.uniform(-bound, bound, (*lead, fan_out, fan_in))
                b = np.zeros((*lead, fan_out))
            else:  # he
                w = rng.normal(0.0, np.sqrt(2.0 / fan_in), (*lead, fan_out, fan_in))
                b = np.zeros((*lead, fan_out))
            ws.append(w)
            bs.append(b)
        return ws, bs

    @classmethod
    def shallow(
        cls,
        w: Sequence[float],
        b: Sequence[float],
        c: Sequence[float],
        c0: float,
        activation: str = "sigmoid",
    ) -> Network:
        """One hidden layer written as on paper: y = Σ_i c_i·φ(w_i·x + b_i) + c0.

        ``w`` is a list of width numbers (one input) or a (width, k) array (k inputs).
        """
        w_arr = np.asarray(w, dtype=np.float64)
        if w_arr.ndim != 2:
            w_arr = w_arr.reshape(-1, 1)
        n = w_arr.shape[0]
        return cls(
            [w_arr, np.asarray(c, dtype=np.float64).reshape(1, n)],
            [np.asarray(b, dtype=np.float64).reshape(n), np.array([float(c0)])],
            [activation],
        )

    @classmethod
    def stack(cls, networks: Sequence[Network]) -> Network:
        """A population made of single networks of one shape."""
        if not networks:
            raise ConfigError("cannot stack an empty list of networks")
        first = networks[0]
        for n in networks:
            if n.population is not None or n.widths != first.widths:
                raise ConfigError("stack needs single networks that all have the same widths")
            if n.inputs != first.inputs:
                raise ConfigError("stack needs networks with the same number of inputs")
            if n.outputs != first.outputs:
                raise ConfigError("stack needs networks with the same number of outputs")
            if n.activations != first.activations:
                raise ConfigError("stack needs networks with the same activations")
        ws = [np.stack([n.weights[i] for n in networks]) for i in range(first.depth + 1)]
        bs = [np.stack([n.biases[i] for n in networks]) for i in range(first.depth + 1)]
        return cls(ws, bs, first.activations)

    def __getitem__(self, index: int) -> Network:
        """Member ``index`` of a population, as a single network."""
        if self.population is None:
            raise ConfigError("only a population can be indexed")
        return Network(
            [w[index] for w in self.weights], [b[index] for b in self.biases], self.activations
        )

    def copy(self) -> Network:
        """A deep copy."""
        return Network(self.weights, self.biases, self.activations)

    # -------------------------------------------------------------- forward
    def trace(self, x: Array | float) -> Trace:
        """Forward pass keeping every pre-activation, activation and contribution."""
        h = self._input_array(x)  # (..., N, k)
        pre, post = [], []
        for w, b, name in zip(self.weights[:-1], self.biases[:-1], self.activations, strict=True):
            z = np.matmul(h, np.swapaxes(w, -1, -2)) + b[..., None, :]
            h = act.ACTIVATIONS[name].fn(z)
            pre.append(z)
            post.append(h)
        w_out, b_out = self.weights[-1], self.biases[-1]
        if w_out.shape[-2] > 1:  # K outputs: (..., N, K, width) contributions
            contributions = h[..., None, :] * w_out[..., None, :, :]
            output = contributions.sum(axis=-1) + b_out[..., None, :]
            return Trace(pre, post, contributions, output)
        # the output is the sum of the contributions, so the two agree exactly
        contributions = h * w_out[..., None, 0, :]
        output = contributions.sum(axis=-1) + b_out[..., None, 0]
        return Trace(pre, post, contributions, output)

    def _input_array(self, x: Array | float) -> Array:
        """X as (..., N, k); a one-input network reads every entry of x as a point."""
        try:
            xa = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            raise DataError("the inputs X must be numbers") from None
        k = self.inputs
        if k == 1:
            # (N, 1) is one column of N points, not N rows of one point each
            return xa if xa.ndim == 2 and xa.shape[1] == 1 else xa[..., None]
        return check_columns(xa, k, f"the network has {k} inputs")

    def forward(self, x: Array | float) -> Array:
        """Network output at X (N, k), or x (N,) for one input: shape (N,), (P, N) for P nets;
        (N, K), (P, N, K) for K outputs."""
        return self.trace(x).output

    __call__ = forward

    def contributions(self, x: Array | float) -> Array:
        """Per last-hidden-neuron weighted outputs; summed plus the output bias, they are y."""
        return self.trace(x).contributions

    # -------------------------------------------------------------- formula
    def formula(self, *, plain: bool = False, latex: bool = False, digits: int = 4) -> str:
        """The network as a formula, e.g. ``y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2``.

        ``plain=True`` writes ASCII that actlab's expression parser reads back
        (``4*sigmoid(2.4*x - 2.4) + …``); ``latex=True`` writes LaTeX (without ``$``).
        Deeper networks get one line per neuron (an ``aligned`` block in LaTeX).
        """
        if self.population is not None:
            raise ConfigError("formula() applies to a single network; index the population first")
        if plain and latex:
            raise ConfigError("formula() writes plain text or LaTeX, not both")
        from .formula import network_formula

        return network_formula(self, plain=plain, digits=digits, latex=latex)

    def _repr_latex_(self) -> str | None:
        """The formula, for notebooks (``$$ y = 4\\sigma(…) … $$``); none for a population."""
        if self.population is not None or self.n_parameters > MAX_LATEX_PARAMETERS:
            return None
        return f"$$\n{self.formula(latex=True)}\n$$"

    # ---------------------------------------------------------------- JSON
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a versioned schema."""
        hidden = [
            {"activation": a, "weights": w.tolist(), "bias": b.tolist()}
            for w, b, a in zip(self.weights[:-1], self.biases[:-1], self.activations, strict=True)
        ]
        return {
            "format": SCHEMA_FORMAT,
            "version": SCHEMA_VERSION,
            "population": self.population,
            "hidden": hidden,
            "output": {"weights": self.weights[-1].tolist(), "bias": self.biases[-1].tolist()},
        }

    @classmethod
    def from_dict(cls, data: Any) -> Network:
        """Inverse of :meth:`to_dict`; raises :class:`SchemaError` naming what is wrong."""
        from .schema import network_from_dict

        return network_from_dict(cls, data)

    def to_json(self, **kwargs: Any) -> str:
        """The network as JSON text."""
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_json(cls, text: str) -> Network:
        """Parse JSON text written by :meth:`to_json`."""
        from .schema import parse_document

        return cls.from_dict(parse_document(text))

    def save(self, path: str | Path) -> Path:
        """Write the network as JSON; returns the path."""
        p = Path(path)
        p.write_text(self.to_json(indent=1) + "\n", encoding="utf-8")
        return p

    @classmethod
    def load(cls, path: str | Path) -> Network:
        """Read a network file written by :meth:`save`."""
        from .schema import read_document

        return cls.from_dict(read_document(path))
