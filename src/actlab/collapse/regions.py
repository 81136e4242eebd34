"""A piecewise-linear network of two inputs cut into its exact linear regions.

Each hidden neuron's pre-activation is affine inside a region where every
earlier neuron stays on one piece of its activation; so the plane is cut layer by
layer. Start with one polygon (a box) on which the input is the identity map.
For each neuron of a layer, every polygon is split by the line where that
neuron's pre-activation z = g·x + g0 meets a kink of its activation (relu: z = 0;
hard_tanh: z = ±1 …) — a convex polygon cut by a line gives two convex polygons.
After the layer, each polygon's neurons are read at an interior point (the mean
of its vertices) to fix the piece each is on, which makes the layer's output an
affine map of x again. What is left is a list of convex polygons, one per
activation pattern that occurs, each with the affine map y = a·x + b the network
is there.

Every polygon list is held as flat arrays (vertices grouped by polygon), so each
cut is a handful of numpy operations over all polygons at once.

By default the box is the smallest one holding every vertex of the partition
(where two boundaries meet), padded by a tenth of its size on each side, so
that the count is the plane's. For one hidden layer the vertices are the
pairwise crossings of its lines, known exactly; deeper, they are searched for in
a box 10⁴ times wider than the first layer's crossings (see :func:`default_domain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validate import check_plane_box
from ..errors import DataError, UnsupportedError
from ..network import Network
from ..network.formula import MINUS
from ._checks import require_activations, require_single
from .affine import affine_formula
from .pieces import PIECEWISE_LINEAR_FORMS

__all__ = ["MAX_REGIONS", "Regions", "default_domain", "linear_regions"]

MAX_REGIONS = 200_000
CUT_TOL = 1e-10  # relative: a vertex this close to a line (against the box's scale) is on it
PAD = 0.1  # the default box reaches this share of its size beyond the outermost vertex
SEARCH = 1e4  # deeper networks: vertices are searched for in a box this many times wider
EMPTY = 1e3  # … and must all lie in the box this many times wider, the rest being empty
MAX_GROW_STEPS = 4

Box = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Regions:
    """Convex polygons covering ``domain``, each with the network's affine map there.

    ``polygons[r]`` lists region r's vertices counter-clockwise; on it the network
    is y = a[r]·x + b[r]. ``patterns[r]`` holds, for every hidden neuron in
    order, which piece of its activation it is on (relu: 0 off, 1 on).
    """

    domain: Box
    polygons: list[np.ndarray]
    a: np.ndarray  # (R, 2)
    b: np.ndarray  # (R,)
    patterns: np.ndarray  # (R, hidden neurons), small ints

    kind = "regions"

    @property
    def count(self) -> int:
        """Number of linear regions."""
        return len(self.polygons)

    @property
    def areas(self) -> np.ndarray:
        """Area of each region."""
        return np.array([_area(p) for p in self.polygons])

    @property
    def centroids(self) -> np.ndarray:
        """(R, 2): the centroid of each polygon (inside it: polygons are convex)."""
        return np.array([_centroid(p) for p in self.polygons])

    def locate(self, x: Any) -> np.ndarray:
        """Index of the region holding each point of X (N, 2); −1 outside the domain."""
        xa = _points(x)
        out = np.full(len(xa), -1, dtype=np.int64)
        scale = max(1.0, max(abs(v) for side in self.domain for v in side))
        tol = 1e-9 * scale
        order = np.argsort(xa[:, 0], kind="stable")
        xs = xa[order, 0]
        for r, poly in enumerate(self.polygons):
            lo, hi = poly.min(axis=0) - tol, poly.max(axis=0) + tol
            i = np.searchsorted(xs, lo[0], side="left")
            j = np.searchsorted(xs, hi[0], side="right")
            cand = order[i:j]
            cand = cand[(out[cand] < 0) & (xa[cand, 1] >= lo[1]) & (xa[cand, 1] <= hi[1])]
            if cand.size == 0:
                continue
            p = xa[cand]
            edge = np.roll(poly, -1, axis=0) - poly  # (m, 2)
            rel = p[:, None, :] - poly[None, :, :]  # (n, m, 2)
            cross = edge[None, :, 0] * rel[..., 1] - edge[None, :, 1] * rel[..., 0]
            inside = np.all(cross >= -tol * np.hypot(edge[:, 0], edge[:, 1])[None, :], axis=1)
            out[cand[inside]] = r
        return out

    def __call__(self, x: Any) -> np.ndarray:
        """a·x + b of the region holding each point of X (N, 2); NaN outside the domain."""
        xa = _points(x)
        r = self.locate(xa)
        y = np.full(len(xa), np.nan)
        ok = r >= 0
        y[ok] = np.einsum("nk,nk->n", self.a[r[ok]], xa[ok]) + self.b[r[ok]]
        return y

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "regions", "count", "domain": [[lo, hi], [lo, hi]],
        "regions": [{"vertices": [[x1, x2], …], "a": [a1, a2], "b"}, …]}``."""
        return {
            "kind": self.kind,
            "count": self.count,
            "domain": [[float(lo), float(hi)] for lo, hi in self.domain],
            "regions": [
                {
                    "vertices": poly.tolist(),
                    "a": [float(v) for v in a],
                    "b": float(b),
                }
                for poly, a, b in zip(self.polygons, self.a, self.b, strict=True)
            ],
        }

    def text(self, *, limit: int = 20) -> str:
        """Human-readable form: the count, the box and the first regions' maps."""
        (x0, x1), (y0, y1) = self.domain

        def f(v: float) -> str:
            return f"{v:.4g}".replace("-", MINUS)

        n = self.count
        lines = [
            f"{n} linear region{'s' if n != 1 else ''} (convex polygons) in "
            f"[{f(x0)}, {f(x1)}] × [{f(y0)}, {f(y1)}]:"
        ]
        for r in range(min(n, limit)):
            c = _centroid(self.polygons[r])
            lines.append(
                f"  region {r + 1} ({len(self.polygons[r])} vertices, around "
                f"({f(c[0])}, {f(c[1])})): {affine_formula(self.a[r], self.b[r])}"
            )
        if n > limit:
            lines.append(f"  … {n - limit} more (--json lists every region)")
        return "\n".join(lines)


# ----------------------------------------------------------------- geometry
def _points(x: Any) -> np.ndarray:
    xa = np.asarray(x, dtype=np.float64)
    if xa.ndim != 2 or xa.shape[1] != 2:
        raise DataError(f"X must have shape (N, 2), got {xa.shape}")
    return xa


def _area(poly: np.ndarray) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return float(0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _centroid(poly: np.ndarray) -> np.ndarray:
    x, y = poly[:, 0], poly[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-300:
        return poly.mean(axis=0)
    cx = np.sum((x + np.roll(x, -1)) * cross) / (6 * area)
    cy = np.sum((y + np.roll(y, -1)) * cross) / (6 * area)
    return np.array([cx, cy])


class _Soup:
    """Convex polygons as flat arrays: vertices grouped by polygon, ``pid`` the owner."""

    def __init__(self, verts: np.ndarray, pid: np.ndarray, count: int) -> None:
        self.verts = verts  # (V, 2)
        self.pid = pid  # (V,) non-decreasing
        self.count = count
        sizes = np.bincount(pid, minlength=count)
        self.start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        self.sizes = sizes

    def next_index(self) -> np.ndarray:
        """For each vertex, the index of the next vertex of its polygon (cyclically)."""
        nxt = np.arange(1, len(self.verts) + 1)
        last = self.start + self.sizes - 1
        nxt[last] = self.start
        return nxt

    def split(self, g: np.ndarray, g0: np.ndarray) -> tuple[_Soup, np.ndarray] | None:
        """Cut polygon p by the line g[p]·x + g0[p] = 0.

        A vertex within rounding of the line (``CUT_TOL`` relative to |g|·|v| + |g0|,
        |v| the polygon's largest coordinate) is on it: it belongs to both parts and
        never makes a cut by itself.

        Returns the new soup and, for each new polygon, the old polygon it came
        from (polygons not cut first, then the parts on the positive side, then
        those on the negative side); None when no polygon is cut.
        """
        v, pid = self.verts, self.pid
        gv, g0v = g[pid], g0[pid]
        s = np.einsum("vk,vk->v", v, gv) + g0v
        reach = np.maximum.reduceat(np.abs(v).max(axis=1), self.start)  # polygon's scale
        t = CUT_TOL * (np.abs(g).sum(axis=1) * reach + np.abs(g0))[pid]
        sig = np.where(s > t, 1, np.where(s < -t, -1, 0)).astype(np.int8)
        pos = np.bincount(pid, weights=sig > 0, minlength=self.count) > 0
        neg = np.bincount(pid, weights=sig < 0, minlength=self.count) > 0
        cut = pos & neg
        if not cut.any():
            return None
        nxt = self.next_index()
        on = cut[pid]  # vertices of polygons being cut
        cross = on & (sig.astype(np.int16) * sig[nxt] < 0)
        # the crossing point on edge v → next(v); only used where the signs differ
        sv, sn = s[cross], s[nxt[cross]]
        point = np.zeros_like(v)
        lam = sv / (sv - sn)
        point[cross] = v[cross] + lam[:, None] * (v[nxt[cross]] - v[cross])
        keep = ~cut[pid]
        # each vertex of a cut polygon contributes itself (if on the side) then its crossing
        cand = np.stack([v, point], axis=1)  # (V, 2 items, 2)
        up = np.stack([on & (sig >= 0), cross], axis=1)
        down = np.stack([on & (sig <= 0), cross], axis=1)
        owner = np.repeat(pid, 2).reshape(-1, 2)
        kept_ids = np.flatnonzero(~cut)
        cut_ids = np.flatnonzero(cut)
        n_keep, n_cut = len(kept_ids), len(cut_ids)
        renum_keep = np.full(self.count, -1)
        renum_keep[kept_ids] = np.arange(n_keep)
        renum_cut = np.full(self.count, -1)
        renum_cut[cut_ids] = np.arange(n_cut)
        verts = np.concatenate([v[keep], cand[up], cand[down]])
        new_pid = np.concatenate(
            [
                renum_keep[pid[keep]],
                n_keep + renum_cut[owner[up]],
                n_keep + n_cut + renum_cut[owner[down]],
            ]
        )
        parent = np.concatenate([kept_ids, cut_ids, cut_ids])
        return _Soup(verts, new_pid, n_keep + 2 * n_cut), parent

    def means(self) -> np.ndarray:
        """The mean of each polygon's vertices: a point inside a convex polygon."""
        sx = np.bincount(self.pid, weights=self.verts[:, 0], minlength=self.count)
        sy = np.bincount(self.pid, weights=self.verts[:, 1], minlength=self.count)
        return np.column_stack([sx, sy]) / self.sizes[:, None]

    def polygons(self) -> list[np.ndarray]:
        ends = np.cumsum(self.sizes)
        return np.split(self.verts, ends[:-1])


# ----------------------------------------------------------------- cutting
def _check(net: Network) -> None:
    require_single(net, "linear_regions")
    if net.inputs != 2:
        raise UnsupportedError(
            f"linear regions are cut for networks of 2 inputs; this one has {net.inputs}"
            + (" (use linear_pieces for one input)" if net.inputs == 1 else "")
        )
    require_activations(
        net, "linear_regions", PIECEWISE_LINEAR_FORMS, "piecewise-linear activations"
    )


def _cut(net: Network, box: Box) -> tuple[_Soup, np.ndarray, np.ndarray, np.ndarray]:
    """The soup of regions in ``box``, their maps a (R, 2), b (R,) and patterns."""
    (x0, x1), (y0, y1) = box
    soup = _Soup(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]), np.zeros(4, np.int64), 1)
    lin = np.eye(2)[None]  # (P, n, 2): each region's layer output is lin @ x + off
    off = np.zeros((1, 2))
    patterns = np.zeros((1, 0), dtype=np.int8)
    for w, b, name in zip(net.weights[:-1], net.biases[:-1], net.activations, strict=True):
        form = PIECEWISE_LINEAR_FORMS[name]
        zl = np.einsum("wn,pnk->pwk", w, lin)  # (P, W, 2)
        z0 = off @ w.T + b  # (P, W)
        for j in range(w.shape[0]):
            for kink in form.kinks:
                done = soup.split(zl[:, j], z0[:, j] - kink)
                if done is None:
                    continue
                soup, parent = done
                if soup.count > MAX_REGIONS:
                    raise UnsupportedError(
                        f"this network has more than {MAX_REGIONS} linear regions in the box"
                    )
                zl, z0, patterns = zl[parent], z0[parent], patterns[parent]
        inner = soup.means()
        zc = np.einsum("pwk,pk->pw", zl, inner) + z0
        piece = np.searchsorted(np.asarray(form.kinks), zc)
        alpha = np.asarray(form.slopes)[piece]
        beta = np.asarray(form.intercepts)[piece]
        lin = alpha[..., None] * zl
        off = alpha * z0 + beta
        patterns = np.concatenate([patterns, piece.astype(np.int8)], axis=1)
    w, b = net.weights[-1], net.biases[-1]
    a = np.einsum("wn,pnk->pwk", w, lin)[:, 0]
    c = (off @ w.T + b)[:, 0]
    return soup, a, c, patterns


def _inner_vertices(soup: _Soup, box: Box) -> np.ndarray:
    """Vertices of the partition strictly inside ``box`` (where boundaries meet).

    A vertex made by a cut lies on an edge of an earlier polygon: on the box's
    border, or on an earlier boundary, where two boundaries meet.
    """
    (x0, x1), (y0, y1) = box
    tol = 1e-9 * max(1.0, abs(x0), abs(x1), abs(y0), abs(y1))
    v = soup.verts
    inside = (v[:, 0] > x0 + tol) & (v[:, 0] < x1 - tol) & (v[:, 1] > y0 + tol)
    return v[inside & (v[:, 1] < y1 - tol)]


def _first_layer_points(net: Network) -> np.ndarray:
    """Pairwise crossings of the first layer's kink lines and each line's point nearest 0."""
    w, b = net.weights[0], net.biases[0]
    kinks = PIECEWISE_LINEAR_FORMS[net.activations[0]].kinks if net.depth else ()
    rows = [(wi, kappa - bi) for wi, bi in zip(w, b, strict=True) for kappa in kinks]
    rows = [(g, c) for g, c in rows if np.hypot(*g) > 0]
    pts = [np.zeros(2)]
    for g, c in rows:  # g·x = c: nearest point to the origin
        pts.append(g * c / np.dot(g, g))
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            m = np.array([rows[i][0], rows[j][0]])
            det = np.linalg.det(m)
            if abs(det) > 1e-12 * np.abs(m).max() ** 2:
                pts.append(np.linalg.solve(m, [rows[i][1], rows[j][1]]))
    return np.array(pts)


def _bounding(points: np.ndarray, pad: float) -> Box:
    lo, hi = points.min(axis=0), points.max(axis=0)
    size = hi - lo
    if size.max() <= 1e-12 * max(1.0, float(np.abs(points).max())):
        size = np.full(2, 2.0 * max(1.0, float(np.abs(points).max())))  # one point
    size = np.maximum(size, 0.1 * size.max())  # no flat box when every vertex is on a line
    lo, hi = lo - pad * size, hi + pad * size
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def _grown(box: Box, factor: float) -> Box:
    (x0, x1), (y0, y1) = box
    cx, cy, hx, hy = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    return (cx - factor * hx, cx + factor * hx), (cy - factor * hy, cy + factor * hy)


def _within(points: np.ndarray, box: Box) -> bool:
    (x0, x1), (y0, y1) = box
    return bool(
        np.all((points[:, 0] >= x0) & (points[:, 0] <= x1))
        and np.all((points[:, 1] >= y0) & (points[:, 1] <= y1))
    )


def default_domain(net: Network) -> Box:
    """The smallest box holding every vertex of the network's partition, padded.

    For one hidden layer the vertices are its lines' pairwise crossings (each
    line's point nearest the origin is added so that lines with no crossing still
    pass through). Deeper, the network is cut on a box ``SEARCH`` (10⁴) times
    wider than the first layer's; its vertices are taken when they all lie in the
    box ``EMPTY`` (10³) times wider, leaving an empty shell of a factor 10 around
    them (otherwise the search repeats from the vertices found).
    """
    _check(net)
    seeds = _first_layer_points(net)
    if net.depth <= 1:
        return _bounding(seeds, PAD)
    box = _bounding(seeds, 1.0)
    for _ in range(MAX_GROW_STEPS):
        wide = _grown(box, SEARCH)
        soup, *_ = _cut(net, wide)
        found = np.concatenate([seeds, _inner_vertices(soup, wide)])
        if _within(found, _grown(box, EMPTY)):
            return _bounding(found, PAD)
        box = _bounding(found, 1.0)
    raise UnsupportedError(
        "the vertices of this network's partition keep moving out as the box grows; give a domain"
    )


def linear_regions(net: Network, domain: Any = None) -> Regions:
    """The exact linear regions of a piecewise-linear network of 2 inputs.

    ``domain`` is a box [[lo, hi], [lo, hi]]; by default :func:`default_domain`, the
    smallest box holding every vertex (padded), so that the count is the plane's.
    """
    _check(net)
    box = default_domain(net) if domain is None else check_plane_box("domain", domain)
    soup, a, b, patterns = _cut(net, box)
    return Regions(box, soup.polygons(), a, b, patterns)
