"""``Lab``: the interactive lab as a notebook widget (anywidget).

The widget runs the lab's own page (``actlab/web/static``: target, points, network,
manual edits, construct, live training, collapse, English and Chinese) inside an
iframe in the notebook's output, and answers its API calls in the kernel with the
same route functions ``actlab serve`` uses (:mod:`actlab.widgets._api`), carried by
the widget's messages instead of HTTP. See :mod:`actlab.widgets._page` for how the
page's modules are loaded and ``lab.js`` for the messages.

``lab.state`` is the page's state, the same values its URL holds (every setting of
:data:`actlab.settings.SETTINGS`, ``points`` as ``[[x, y], …]`` and ``params``, the
network's parameters layer by layer, W row-major then b, or None); it follows the
page, and setting it from Python redraws the page. ``lab.network`` reads it as a
:class:`~actlab.network.Network` and takes one back.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .. import lesson, settings
from ..errors import ConfigError, UnsupportedError
from ..network import Network
from ..settings import LIMITS
from ..web.app import STATIC
from ._api import LabApi, Reply
from ._page import page_bundle

try:
    import anywidget
    import traitlets
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(
        "actlab.widgets needs anywidget; install it with: pip install 'actlab[notebook]' "
        "(or pip install anywidget)"
    ) from None

__all__ = ["PAGE", "Lab", "check_state", "default_state"]

HERE = Path(__file__).parent

#: The lab's page, read once from ``actlab/web/static``.
PAGE = page_bundle(STATIC)

_EXTRA = ("points", "params")


def default_state() -> dict[str, Any]:
    """The page's state before anything is changed: every setting's default, no points."""
    state = {k: list(v) if isinstance(v, list) else v for k, v in settings.defaults().items()}
    return {**state, "points": [], "params": None}


def _numbers(value: Any, name: str) -> list[float]:
    if not isinstance(value, list | tuple):
        raise ConfigError(f"the state's {name!r} must be a list of numbers, got {value!r}")
    out = []
    for v in value:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise ConfigError(f"the state's {name!r} must hold finite numbers, got {v!r}")
        if abs(v) > LIMITS["max_abs_value"]:
            raise ConfigError(
                f"the state's {name!r} holds {v!r}, beyond ±{LIMITS['max_abs_value']:g}"
            )
        out.append(float(v))
    return out


def check_state(state: dict[str, Any]) -> dict[str, Any]:
    """A full, clean page state from ``state`` (missing values take their defaults)."""
    if not isinstance(state, dict):
        raise ConfigError(f"the lab's state is a dict of settings, got {type(state).__name__}")
    values = {k: v for k, v in state.items() if k not in _EXTRA}
    clean, errors = settings.check_all(values)
    if errors:
        name, message = next(iter(errors.items()))
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ConfigError(f"the lab's state: {name}: {message}{more}")
    out = {**default_state(), **clean}
    points = state.get("points") or []
    if not isinstance(points, list | tuple) or len(points) > LIMITS["max_points"]:
        raise ConfigError(
            f"the state's 'points' must be a list of at most {LIMITS['max_points']:g} pairs [x, y]"
        )
    pairs = [_numbers(p, "points") for p in points]
    if any(len(p) != 2 for p in pairs):
        raise ConfigError("the state's 'points' must be pairs [x, y]")
    out["points"] = pairs
    params = state.get("params")
    out["params"] = None if params is None else _numbers(params, "params")
    return out


def _flatten(net: Network) -> list[float]:
    """The page's flat parameters: layer by layer, W row-major then b (state.js ``flatten``)."""
    out: list[float] = []
    for w, b in zip(net.weights, net.biases, strict=True):
        out += [float(v) for v in w.ravel()] + [float(v) for v in b]
    return out


def _unflatten(flat: list[float], widths: list[int], activations: list[str]) -> Network | None:
    """The network of this shape holding ``flat``, or None when the count differs."""
    sizes = [1, *widths, 1]
    need = sum(sizes[i] * sizes[i - 1] + sizes[i] for i in range(1, len(sizes)))
    if len(flat) != need:
        return None
    weights, biases, k = [], [], 0
    for i in range(1, len(sizes)):
        n_out, n_in = sizes[i], sizes[i - 1]
        weights.append([flat[k + r * n_in : k + (r + 1) * n_in] for r in range(n_out)])
        k += n_out * n_in
        biases.append(flat[k : k + n_out])
        k += n_out
    return Network(weights, biases, activations)


class Lab(anywidget.AnyWidget):
    """The interactive lab in a notebook: ``Lab()``, ``Lab(target="sin", width=4, lang="zh")``.

    Keyword arguments are settings of the page (``target``, ``width``, ``depth``,
    ``activation``, ``seed``, ``mode``, ``lang`` …, see :data:`actlab.settings.SETTINGS`),
    plus ``points=[[x, y], …]`` and ``network=`` (an :class:`~actlab.network.Network`).
    ``lab.state`` and ``lab.network`` can be read and set at any time.
    """

    _esm = (HERE / "lab.js").read_text(encoding="utf-8")
    _css = (HERE / "lab.css").read_text(encoding="utf-8")
    _page = traitlets.Dict().tag(sync=True)
    state = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        state: dict[str, Any] | None = None,
        *,
        network: Network | None = None,
        max_stream_seconds: float | None = None,
        **values: Any,
    ) -> None:
        super().__init__(_page=PAGE, state=check_state({**(state or {}), **values}))
        self._api = LabApi(max_stream_seconds=max_stream_seconds)
        self.on_msg(self._on_message)
        if network is not None:
            self.network = network

    @traitlets.validate("state")
    def _check(self, proposal: Any) -> dict[str, Any]:
        return check_state(proposal["value"])

    # -------------------------------------------------------------- network
    @property
    def network(self) -> Network:
        """The page's network: its parameters when they fit its shape, else — as the page
        opens (``startsOnLesson`` in ``static/js/main.js``) — the lesson's hand-built network
        for the lesson's target with the default network settings, else the seed's."""
        s = self.state
        depth, width = int(s["depth"]), int(s["width"])
        acts = [s["activation"][min(i, len(s["activation"]) - 1)] for i in range(depth)]
        if s["params"] is not None:
            net = _unflatten(s["params"], [width] * depth, acts)
            if net is not None:
                return net
        from ..web.api.network import init_network
        from ..web.schemas import InitRequest

        defaults = settings.defaults()
        shape = ("depth", "width", "activation", "seed", "init")
        if s["target"] in ("lesson", "seed") and all(s[k] == defaults[k] for k in shape):
            return lesson.handbuilt_network()

        body = {k: s[k] for k in ("depth", "width", "activation", "seed", "init")}
        return Network.from_dict(init_network(InitRequest.model_validate(body))["network"])

    @network.setter
    def network(self, net: Network) -> None:
        if not isinstance(net, Network):
            raise ConfigError(f"lab.network takes an actlab Network, got {type(net).__name__}")
        if net.population is not None or net.inputs != 1 or len(set(net.widths)) > 1:
            raise ConfigError(
                "the lab shows one network with one input and the same width in every hidden "
                f"layer; got {net!r}"
            )
        if net.depth > LIMITS["max_depth"] or any(w > LIMITS["max_width"] for w in net.widths):
            raise ConfigError(
                f"the lab shows networks of at most {LIMITS['max_depth']:g} hidden layers of "
                f"{LIMITS['max_width']:g} neurons; got {net!r}"
            )
        changes: dict[str, Any] = {"params": _flatten(net), "depth": net.depth}
        if net.depth:
            changes |= {"width": net.widths[0], "activation": list(net.activations)}
        self.state = {**self.state, **changes}

    def set(self, **values: Any) -> None:
        """Change some settings, points or parameters: ``lab.set(target="sin", width=4)``."""
        self.state = {**self.state, **values}

    # ------------------------------------------------------------- messages
    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        kind, rid = content.get("kind"), content.get("id")
        reply: Reply | None = None
        if kind == "api":
            reply = self._api.call(
                str(content.get("method", "GET")), str(content.get("path", "")), content.get("body")
            )
        elif kind == "stream":
            reply, _ = self._api.stream_start(content.get("body"))
        elif kind == "poll":
            reply = self._api.stream_poll(str(content.get("stream")))
        elif kind == "close":
            self._api.stream_close(str(content.get("stream")))
        if reply is not None and rid is not None:
            self.send(
                {
                    "id": rid,
                    "status": reply.status,
                    "body": reply.body,
                    "done": reply.done,
                    "wait": reply.wait,
                }
            )
