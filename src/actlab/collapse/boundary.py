"""The exact decision boundary of a piecewise-linear binary classifier of two inputs.

A network of relu-family layers (relu, leaky_relu, hard_sigmoid, hard_tanh,
identity) on two inputs is affine on each of its linear regions
(:func:`~actlab.collapse.regions.linear_regions`): on region r its logit is
z = a_r·x + b_r. Its decision boundary z = 0 is therefore, region by region, the
line a_r·x + b_r = 0 clipped to that convex polygon — a segment, or nothing. The
logit is continuous, so its sign changes only across these segments, and their
union is the whole boundary inside the domain (a polyline: segments of neighbouring
regions meet on the regions' common edges).

Binary classifiers only (one output, the logit of class 1): for K outputs the
regions' maps would be needed for every output, which ``linear_regions`` does not
build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import UnsupportedError
from ..network import Network
from .regions import Box, Regions, linear_regions

__all__ = ["DecisionBoundary", "clip_line", "decision_boundary"]

REL_TOL = 1e-12  # a vertex whose |a·v + b| is below this share of the map's scale is on the line


@dataclass(frozen=True)
class DecisionBoundary:
    """The segments where a binary classifier's logit is 0, one per region it crosses.

    ``segments[s]`` is [[x1, y1], [x2, y2]]: the two ends of segment s, which lies in
    region ``regions[s]`` of the :class:`~actlab.collapse.regions.Regions` it was cut
    from. ``zero_regions`` lists the regions on which the logit is 0 everywhere
    (a = 0, b = 0): there the boundary is a whole area, not a segment.
    """

    domain: Box
    segments: np.ndarray  # (S, 2, 2)
    regions: np.ndarray  # (S,) region index of each segment
    zero_regions: tuple[int, ...] = ()

    @property
    def count(self) -> int:
        """Number of segments."""
        return int(self.segments.shape[0])

    @property
    def length(self) -> float:
        """Total length of the boundary inside the domain."""
        return float(np.linalg.norm(self.segments[:, 1] - self.segments[:, 0], axis=1).sum())

    def to_list(self) -> list[list[list[float]]]:
        """The segments as JSON-ready [[[x1, y1], [x2, y2]], …]."""
        return [[[float(v) for v in end] for end in seg] for seg in self.segments]

    def to_dict(self) -> dict[str, Any]:
        """``{"domain": [[lo, hi], [lo, hi]], "segments": [[[x1, y1], [x2, y2]], …]}``."""
        return {"domain": [list(side) for side in self.domain], "segments": self.to_list()}


def clip_line(poly: np.ndarray, a: np.ndarray, b: float) -> np.ndarray | None:
    """The segment (2, 2) of the line a·x + b = 0 inside the convex polygon ``poly`` (m, 2).

    None when the line misses the polygon or only touches it at a point. When the
    line runs along an edge, that edge is the segment. ``a`` = 0 gives None (the map
    is constant there: 0 nowhere, or everywhere — which the caller checks).
    """
    a = np.asarray(a, dtype=np.float64)
    if not np.any(a):
        return None
    f = poly @ a + b
    scale = float(np.abs(poly).max() * np.abs(a).sum() + abs(b))
    f = np.where(np.abs(f) <= REL_TOL * scale, 0.0, f)
    nxt = np.roll(np.arange(len(poly)), -1)
    pts = [poly[f == 0]]
    cross = f * f[nxt] < 0
    if cross.any():
        i, j = np.nonzero(cross)[0], nxt[cross]
        t = f[i] / (f[i] - f[j])
        pts.append(poly[i] + t[:, None] * (poly[j] - poly[i]))
    p = np.concatenate(pts)
    if len(p) < 2:
        return None
    along = p @ np.array([-a[1], a[0]])  # position along the line
    lo, hi = p[np.argmin(along)], p[np.argmax(along)]
    if np.linalg.norm(hi - lo) <= REL_TOL * max(1.0, float(np.abs(poly).max())):
        return None
    return np.array([lo, hi])


def decision_boundary(net: Network | Regions, domain: Any = None) -> DecisionBoundary:
    """The exact decision boundary z = 0 of a binary classifier of two inputs.

    ``net`` is a single network of 2 inputs, one output (the logit of class 1) and
    piecewise-linear hidden layers, or its :class:`~actlab.collapse.regions.Regions`
    already cut. ``domain`` ([[lo, hi], [lo, hi]]) is the box the boundary is clipped
    to; by default that of :func:`~actlab.collapse.regions.linear_regions` (every
    vertex of the partition, padded). A Regions is used on its own domain.

    Raises:
        UnsupportedError: a population, a network not of 2 inputs, with K > 1 outputs
            (binary classifiers only), or with an activation that is not piecewise linear.
    """
    if isinstance(net, Regions):
        if domain is not None:
            raise UnsupportedError(
                "decision_boundary takes a domain only with a network: the regions were "
                "already cut on their own domain"
            )
        regions = net
    elif isinstance(net, Network):
        if net.population is None and net.outputs != 1:
            raise UnsupportedError(
                f"the exact decision boundary is built for binary classifiers (one output, the "
                f"logit of class 1); this network has {net.outputs} outputs"
            )
        regions = linear_regions(net, domain)
    else:
        raise UnsupportedError(
            f"decision_boundary needs an actlab Network or Regions, got {type(net).__name__}"
        )
    segs: list[np.ndarray] = []
    where: list[int] = []
    zero: list[int] = []
    for r, poly in enumerate(regions.polygons):
        a, b = regions.a[r], float(regions.b[r])
        if not np.any(a) and b == 0.0:
            zero.append(r)
            continue
        seg = clip_line(poly, a, b)
        if seg is not None:
            segs.append(seg)
            where.append(r)
    segments = np.array(segs).reshape(-1, 2, 2)
    return DecisionBoundary(regions.domain, segments, np.array(where, np.int64), tuple(zero))
