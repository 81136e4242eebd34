"""Benchmark of the lab (not a test): slider-to-redraw latency and training stream rate.

    python benchmarks/bench_web.py [--moves 200] [--seconds 5]

1. Redraw latency: in headless Chromium, move a weight's slider ``--moves`` times;
   the page times each change with performance.now(), from the input event to the
   end of drawing (API round trip included). Prints p50 / p95 / max (target p95 ≤ 50 ms).
2. Training stream: for widths 2, 16 and 64 (one hidden layer, and 4 × 64), and a
   2-8-8-1 network on the spiral (two inputs: heatmaps in every event), read
   ``/api/train/stream`` for ``--seconds`` and count progress events per second
   (target ≥ 20 for width ≤ 64 and for the spiral).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "browser"))

from labpage import idle, open_lab

from actlab import Network
from conftest import LabServer, launch


def redraw_latency(url: str, moves: int) -> list[float]:
    """Milliseconds from each slider input to the end of the redraw."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_lab(page, url, "#width=8&activation=tanh")
        slider = "#params .param[data-k='8'] input[type=range]"
        for i in range(moves):
            value = -2 + 4 * (i % 50) / 49
            # one input event, then wait for its redraw, as a user dragging slowly
            page.eval_on_selector(
                slider,
                "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); }",
                value,
            )
            idle(page)
        times = page.evaluate("window.actlabPerf.redraws")
        browser.close()
    return times


def stream_rate(
    url: str, net: Network, seconds: float, target: dict | None = None
) -> tuple[float, int]:
    """Progress events per second and steps taken while streaming for ``seconds``."""
    body = {
        **({} if target is None else {"target": target}),
        "network": net.to_dict(),
        "steps": 100_000,
        "learning_rate": 0.01,
        "max_seconds": seconds,
        "updates_per_second": 30,
    }
    events, step = 0, 0
    start = time.perf_counter()
    with httpx.stream("POST", url + "api/train/stream", json=body, timeout=seconds + 30) as res:
        for line in res.iter_lines():
            if line.startswith("data: ") and '"loss"' in line:
                events += 1
                step = json.loads(line[6:])["step"]
    return events / (time.perf_counter() - start), step


def main() -> None:
    """Run both measurements and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    with LabServer() as url:
        times = sorted(redraw_latency(url, args.moves))
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"slider redraw ({len(times)} moves): p50 {statistics.median(times):.1f} ms, "
              f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms  (target p95 ≤ 50 ms)")  # fmt: skip
        for width, depth in [(2, 1), (16, 1), (64, 1), (64, 4)]:
            net = Network.init(width, depth, "tanh", seed=0)
            rate, steps = stream_rate(url, net, args.seconds)
            print(f"training stream, {depth} × {width} tanh: {rate:.1f} updates/s, "
                  f"{steps / args.seconds:.0f} steps/s  (target ≥ 20 updates/s)")  # fmt: skip
        # two inputs: the Playground's spiral, 2-8-8-1 tanh, heatmaps in every event
        net = Network.init([8, 8], activation="tanh", inputs=2, seed=0)
        rate, steps = stream_rate(url, net, args.seconds, {"expression": "spiral"})
        print(f"training stream, 2-8-8-1 tanh on the spiral: {rate:.1f} updates/s, "
              f"{steps / args.seconds:.0f} steps/s  (target ≥ 20 updates/s)")  # fmt: skip


if __name__ == "__main__":
    main()
