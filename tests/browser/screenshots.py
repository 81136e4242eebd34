"""Take the lab's screenshots for the docs: ``python tests/browser/screenshots.py [OUT_DIR]``.

Writes lab.png (the lesson's network, Nielsen-style contributions), lab-train.png
(live training), lab-collapse.png (identity: one line and its floor), lab-construct.png
(a relu network through marked points) and lab-zh.png (the page in Chinese).
"""

from __future__ import annotations

import sys
from pathlib import Path

from labpage import click_plot, idle, open_lab
from playwright.sync_api import sync_playwright

from conftest import LabServer, launch

VIEW = {"width": 1440, "height": 900}


def main(out: Path) -> None:
    """Open the lab in a few states and save a screenshot of each."""
    out.mkdir(parents=True, exist_ok=True)
    with LabServer() as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=VIEW, device_scale_factor=1)

        open_lab(page, url)
        page.click("#lesson")
        idle(page)
        page.click("#points-mark")
        idle(page)
        page.screenshot(path=out / "lab.png")

        open_lab(page, url, "#target=complex&width=12&activation=tanh&mode=train"
                            "&learning_rate=0.03&steps=100000")  # fmt: skip
        page.click("#train-play")
        page.wait_for_function("window.actlab.chart.steps.length >= 120", timeout=60_000)
        page.click("#train-pause")
        page.wait_for_function("!window.actlab.training")
        idle(page)
        page.screenshot(path=out / "lab-train.png")

        open_lab(page, url, "#width=3&activation=identity&seed=1")
        page.wait_for_selector("#collapse[data-kind=line]")
        page.screenshot(path=out / "lab-collapse.png")

        open_lab(page, url, "#target=sin&mode=construct&construct=relu")
        for fx in (0.06, 0.2, 0.33, 0.46, 0.6, 0.73, 0.86, 0.97):
            click_plot(page, fx, 0.5)
        page.click("#points-mark")
        page.click("#construct-build")
        page.wait_for_function("document.querySelector('#construct-message').textContent")
        idle(page)
        page.screenshot(path=out / "lab-construct.png")

        open_lab(page, url, "#lang=zh&width=3&activation=relu&seed=2")
        page.wait_for_selector("#collapse[data-kind=pieces]")
        page.screenshot(path=out / "lab-zh.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "docs")
