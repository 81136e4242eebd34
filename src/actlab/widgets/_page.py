"""The lab's page as data the notebook widget can run: HTML, assets and ES modules.

The page (``actlab/web/static``) is a set of ES modules that import each other by
relative path (``import { api } from "./api.js"``) plus ``index.html``,
``style.css`` and ``strings.json``. The widget runs them unchanged inside an
iframe of its own (so their ``document.getElementById``, ``location.hash`` and
``history`` calls touch the lab's document, not the notebook's):

* the HTML keeps the page's markup; its stylesheets are inlined and its module
  scripts removed (the widget starts the entry module itself);
* every module is shipped as source with the relative specifiers it imports; the
  widget turns each into a ``blob:`` URL, dependencies first, after replacing
  those specifiers by the dependencies' blob URLs (:data:`IMPORT_PATTERN` finds
  them, here and in the widget's JavaScript), so no import map and no server is
  needed;
* every other file under ``static/`` (``strings.json`` …) is an *asset* the
  widget's ``fetch`` answers from memory.

Everything is read once, when :mod:`actlab.widgets` is imported.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = ["IMPORT_PATTERN", "WIDGET_CSS", "page_bundle"]

#: Static ``import … from "./x.js"``, ``export … from "./x.js"``, ``import "./x.js"`` and
#: dynamic ``import("./x.js")``; group 2 is the specifier. JavaScript reads it as is.
IMPORT_PATTERN = r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}/[^"'\s]+)\2"""

_SCRIPT = re.compile(r"""<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>\s*</script>\s*""", re.I)
_STYLESHEET = re.compile(
    r"""<link\b[^>]*\brel=["']stylesheet["'][^>]*\bhref=["']([^"']+)["'][^>]*>""", re.I
)

#: Rules the widget adds to the page's stylesheet: a narrower layout for a notebook's
#: output area, and no "copy link" button (the widget has no address to share).
WIDGET_CSS = """
/* actlab.widgets: the lab inside a notebook */
html, body { background: transparent; }
#copy-link { display: none; }
@media (max-width: 1100px) {
  main { grid-template-columns: 280px minmax(0, 1fr); }
  main > .column.right { grid-column: 1 / -1; }
}
"""


def _url(static: Path, path: Path) -> str:
    return "/static/" + path.relative_to(static).as_posix()


def _imports(url: str, source: str, known: set[str]) -> dict[str, str]:
    """Each relative specifier of a module and the module URL it names."""
    deps: dict[str, str] = {}
    for match in re.finditer(IMPORT_PATTERN, source):
        spec = match.group(3)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(url), spec))
        if target not in known:
            raise ConfigError(f"the lab's module {url} imports {spec!r}, which is not in static/")
        deps[spec] = target
    return deps


def _order(deps: dict[str, dict[str, str]]) -> list[str]:
    """Module URLs with every module after the ones it imports."""
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(url: str, chain: tuple[str, ...]) -> None:
        if state.get(url) == 2:
            return
        if state.get(url) == 1:
            raise ConfigError(
                "the lab's modules import each other in a cycle: " + " → ".join((*chain, url))
            )
        state[url] = 1
        for target in deps[url].values():
            visit(target, (*chain, url))
        state[url] = 2
        order.append(url)

    for url in sorted(deps):
        visit(url, ())
    return order


def page_bundle(static: Path) -> dict[str, Any]:
    """The page under ``static`` as ``{html, entry, modules, order, assets, pattern}``."""
    html = (static / "index.html").read_text(encoding="utf-8")
    entries = [m.group(1) for m in _SCRIPT.finditer(html)]
    if len(entries) != 1:
        raise ConfigError(f"the lab's index.html should load one module script, found {entries}")
    html = _SCRIPT.sub("", html)

    def inline(match: re.Match[str]) -> str:
        href = match.group(1)
        css = (static / href.removeprefix("/static/")).read_text(encoding="utf-8")
        return f"<style>\n{css}\n{WIDGET_CSS}</style>"

    html = _STYLESHEET.sub(inline, html)
    files = sorted(p for p in static.rglob("*") if p.is_file())
    sources = {_url(static, p): p.read_text(encoding="utf-8") for p in files if p.suffix == ".js"}
    deps = {url: _imports(url, src, set(sources)) for url, src in sources.items()}
    if entries[0] not in sources:
        raise ConfigError(f"the lab's entry module {entries[0]} is not in static/")
    assets = {
        _url(static, p): p.read_text(encoding="utf-8")
        for p in files
        if p.suffix in (".json", ".css", ".txt", ".svg")
    }
    return {
        "html": html,
        "entry": entries[0],
        "modules": {url: {"source": sources[url], "imports": deps[url]} for url in sources},
        "order": _order(deps),
        "assets": assets,
        "pattern": IMPORT_PATTERN,
    }
