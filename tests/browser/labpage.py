"""Helpers that drive the lab page: shared by the browser tests, screenshots and benchmark."""

from __future__ import annotations

from typing import Any

from actlab import activations

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


# Words a Chinese page may show: activation, optimizer and initialisation names, the
# names of formats and tools, function names in formulas, and the other language's name.
ALLOWED_WORDS = {
    *activations.names(),
    *["adam", "sgd", "lbfgs", "lm", "torch", "glorot", "he"],
    *["actlab", "json", "pytorch", "csv", "py", "mse", "l2", "english"],
    *["cos", "exp", "log", "abs", "sqrt", "max", "min", "pi", "piecewise"],
}

ENGLISH_WORDS = """(allowed) => {
  const ok = new Set(allowed);
  const found = [];
  const check = (text, where) => {
    for (const w of (text || "").match(/[A-Za-z][A-Za-z_]+/g) || []) {
      if (!ok.has(w.toLowerCase())) found.push(`${w} (${where})`);
    }
  };
  const skip = "pre, code, script, style, option, svg title, [data-formula], .formula";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest(skip) || !el.checkVisibility()) continue;
    check(walker.currentNode.textContent, el.id || el.className || el.tagName);
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], select")) {
    if (!el.checkVisibility() || el.closest("[data-formula]")) continue;
    const id = el.id || el.tagName;
    check(el.getAttribute("title"), `title of ${id}`);
    check(el.getAttribute("aria-label"), `label of ${id}`);
    check(el.getAttribute("placeholder"), `placeholder of ${id}`);
    if (el.tagName === "SELECT" && el.selectedOptions[0]) {
      // a preset is shown as "name — formula": the formula is not words
      check(el.selectedOptions[0].text.split(" — ")[0], `choice of ${id}`);
    }
  }
  return found;
}"""


def english_words(page: Any) -> list[str]:
    """English words visible on the page (text, tooltips, labels, chosen options) outside
    formulas and the allowed names, each with where it was found."""
    return page.evaluate(ENGLISH_WORDS, sorted(ALLOWED_WORDS))
