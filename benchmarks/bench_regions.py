"""Region cutting of 2-input relu networks: seconds per network, against regioncam if installed.

Target (issue 14): a 2-input relu network with 3 hidden layers of 16 is cut into its
exact linear regions in ≤ 1 s, on the default box (the smallest holding every vertex,
padded: the plane's count) — that includes the search for that box. regioncam
(float32, a fixed box) is timed on the box [−2, 2]² beside actlab on the same box.

    python benchmarks/bench_regions.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import statistics

from _common import timed
from actlab import Network
from actlab.collapse import linear_regions

SHAPES = [(16, 1), (16, 2), (16, 3), (32, 3)]


def _regioncam(net: Network, size: float) -> int | None:
    try:
        import regioncam
    except ImportError:
        return None
    import numpy as np

    rc = regioncam.Regioncam(size=size)
    for w, b, name in zip(net.weights, net.biases, [*net.activations, None], strict=True):
        rc.linear(np.ascontiguousarray(w.T, dtype=np.float32), b.astype(np.float32))
        if name:
            rc.relu()
    return rc.num_faces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    print(f"{'shape':>12} {'regions':>8} {'plane s':>8} {'box s':>8} {'box n':>6} {'rc s':>8} "
          f"{'rc n':>6}")  # fmt: skip
    for width, depth in SHAPES:
        plane, box, rc = [], [], []
        for seed in range(args.seeds):
            net = Network.init(width, depth, "relu", inputs=2, seed=seed)
            t, res = timed(lambda net=net: linear_regions(net))
            plane.append((t, res.count))
            t, res = timed(lambda net=net: linear_regions(net, [[-2, 2], [-2, 2]]))
            box.append((t, res.count))
            t, n = timed(lambda net=net: _regioncam(net, 2.0))
            rc.append((t, n))
        shape = "2-" + "-".join([str(width)] * depth) + "-1"
        med = statistics.median
        rc_t = "—" if rc[0][1] is None else f"{med(t for t, _ in rc):.4f}"
        print(
            f"{shape:>12} {med(n for _, n in plane):>8.0f} {med(t for t, _ in plane):>8.4f} "
            f"{med(t for t, _ in box):>8.4f} {med(n for _, n in box):>6.0f} {rc_t:>8} "
            f"{'—' if rc[0][1] is None else med(n for _, n in rc):>6}"
        )
        if (width, depth) == (16, 3):
            worst = max(t for t, _ in plane)
            verdict = "met" if worst <= 1.0 else "NOT met"
            print(f"{'':>12} target ≤ 1 s for 2-16-16-16-1: worst {worst:.3f} s — {verdict}")


if __name__ == "__main__":
    main()
