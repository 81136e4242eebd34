"""Helpers that drive the lab page: shared by the browser tests, screenshots and benchmark."""

from __future__ import annotations

from typing import Any

IDLE = "window.actlab && window.actlab.isIdle()"


def open_lab(page: Any, url: str, fragment: str = "") -> None:
    """Open the lab (optionally with a state fragment) and wait until it has drawn."""
    if page.url.startswith(url):
        page.goto("about:blank")  # a new fragment alone would not reload the page
    page.goto(url + fragment)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
    idle(page)


def idle(page: Any) -> None:
    """Wait until no request is in flight or scheduled."""
    page.wait_for_function(IDLE, timeout=20_000)


def canvas(page: Any, selector: str = "#plot") -> str:
    """The canvas's pixels as a data URL (equal strings: identical drawings)."""
    return page.eval_on_selector(selector, "c => c.toDataURL()")


def drag_slider(page: Any, selector: str, dx: float) -> None:
    """Drag a range input's thumb sideways by ``dx`` pixels with the mouse."""
    box = page.locator(selector).bounding_box()
    value = float(page.eval_on_selector(selector, "e => e.value"))
    lo = float(page.eval_on_selector(selector, "e => e.min"))
    hi = float(page.eval_on_selector(selector, "e => e.max"))
    x = box["x"] + 8 + (box["width"] - 16) * (value - lo) / (hi - lo)
    y = box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=4)
    page.mouse.up()


def click_plot(page: Any, fx: float, fy: float) -> None:
    """Click the plot at a fraction (fx, fy) of its width and height."""
    box = page.locator("#plot").bounding_box()
    page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
