"""Rich displays in notebooks: every actlab object shows itself, in English or Chinese.

``import actlab`` calls :func:`register` when it runs inside IPython (a Jupyter kernel,
VS Code, Colab …), so that in a fresh kernel, without ``%matplotlib inline``:

* a :class:`~actlab.network.Network` shows its formula in LaTeX and a small diagram
  (plain LaTeX too: :meth:`Network._repr_latex_`);
* fit results, collapse results (a line, a polynomial, linear pieces), error floors,
  constructions and experiment results show as HTML tables with their verdicts;
* the :class:`matplotlib.figure.Figure` objects :mod:`actlab.figures` returns (built
  without pyplot) show as PNG images.

The formatters are registered by type *name*, so nothing heavy is imported until an
object is shown. :func:`set_lang` picks the language of the tables (``"en"`` or
``"zh"``; the default follows the locale, as ``actlab demo`` does).
"""

from __future__ import annotations

import html
import math
import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["get_lang", "register", "set_lang", "to_html"]

_lang: str | None = None

#: (module, class name) → the function writing its HTML.
_HTML: dict[tuple[str, str], Callable[[Any], str | None]] = {}

MAX_ROWS = 25  # table rows shown before "… more"
MAX_DIAGRAM_PARAMETERS = 120  # networks with more parameters show no diagram
DPI = 100

STRINGS: dict[str, tuple[str, str]] = {
    "network": ("Network", "网络"),
    "shape": ("{shape} network, {acts}", "{shape} 网络，{acts}"),
    "population": ("a population of {n} networks", "{n} 个网络组成的种群"),
    "parameters": ("{n} parameters", "{n} 个参数"),
    "linear": ("linear (no activation)", "线性（无激活函数）"),
    "fit": ("Fit", "拟合"),
    "mse": ("training MSE", "训练 MSE"),
    "loss": ("final loss (MSE + L2)", "最终损失（MSE + L2）"),
    "validation": ("validation MSE", "验证 MSE"),
    "optimizer": ("optimizer", "优化器"),
    "steps": ("steps", "步数"),
    "time": ("time", "用时"),
    "converged": ("converged", "已收敛"),
    "yes": ("yes", "是"),
    "no": ("no — stopped at the step cap", "否——达到步数上限"),
    "members": (
        "{n} networks: median MSE {median}, best {best}, worst {worst}; {c} converged",
        "{n} 个网络：MSE 中位数 {median}，最好 {best}，最差 {worst}；{c} 个已收敛",
    ),
    "restarts": ("best of {n} restarts", "{n} 次重启中最好的"),
    "line": ("This network is a line", "这个网络是一条直线"),
    "line_many": ("{n} networks, each a line", "{n} 个网络，每个都是一条直线"),
    "polynomial": (
        "This network is a polynomial of degree {d} (at most {m})",
        "这个网络是 {d} 次多项式（至多 {m} 次）",
    ),
    "pieces": ("This network is {n} linear pieces", "这个网络由 {n} 段线性函数组成"),
    "collapsed": ("What this network is: {kind}", "这个网络是：{kind}"),
    "from": ("from x =", "从 x ="),
    "to": ("to x =", "到 x ="),
    "piece": ("piece", "线段"),
    "floor_line": ("Best line: no linear network does better", "最佳直线：任何线性网络都不会更好"),
    "floor_poly": ("Best polynomial of degree ≤ {d}", "次数 ≤ {d} 的最佳多项式"),
    "construction": ("Constructed: {n} {act} neurons", "构造：{n} 个 {act} 神经元"),
    "knots": ("knots", "节点"),
    "max_error": ("largest error", "最大误差"),
    "steepness": ("steepness", "陡度"),
    "tolerance": ("tolerance", "容差"),
    "baseline": (
        "evenly spaced knots need {n} neurons for the same tolerance",
        "等距节点达到同样容差需要 {n} 个神经元",
    ),
    "experiment": ("Experiment {name}", "实验 {name}"),
    "claim": ("Claim", "论断"),
    "verdict": ("Verdict", "结论"),
    "holds": ("holds", "成立"),
    "refuted": ("refuted", "不成立"),
    "partly": ("partly true", "部分成立"),
    "more_rows": ("… {n} more rows", "……另有 {n} 行"),
    "formula": ("formula", "公式"),
}

CSS = (
    "<style>.actlab-repr{font-family:system-ui,sans-serif;line-height:1.4}"
    ".actlab-repr table{border-collapse:collapse;margin:.3em 0}"
    ".actlab-repr th,.actlab-repr td{padding:.15em .7em;border-bottom:1px solid #ddd;"
    "text-align:left}.actlab-repr td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".actlab-repr .good{color:#2b8a3e}.actlab-repr .bad{color:#c92a2a}"
    ".actlab-repr .partly{color:#b8860b}.actlab-repr h4{margin:.2em 0}</style>"
)


# ----------------------------------------------------------------- language
def set_lang(lang: str) -> None:
    """The language of rich displays: ``"en"`` or ``"zh"``."""
    from .figures.strings import check_lang

    global _lang
    _lang = check_lang(lang)


def get_lang() -> str:
    """The language of rich displays (the locale's until :func:`set_lang` is called)."""
    if _lang is None:  # the locale's, as ``actlab demo`` picks it
        for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
            value = os.environ.get(var, "")
            if value:
                return "zh" if value.lower().startswith("zh") else "en"
        return "en"
    return _lang


def _t(key: str, **fields: Any) -> str:
    en, zh = STRINGS[key]
    return (zh if get_lang() == "zh" else en).format(**fields)


# ------------------------------------------------------------------ helpers
def _num(v: Any, digits: int = 5) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return html.escape(str(v))
    if not math.isfinite(f):
        return "∞" if f > 0 else ("−∞" if f < 0 else "NaN")
    return f"{f:.{digits}g}".replace("-", "−")


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _box(title: str, *parts: str) -> str:
    return f'{CSS}<div class="actlab-repr"><h4>{html.escape(title)}</h4>{"".join(parts)}</div>'


def _latex(tex: str) -> str:
    """Display math: Jupyter typesets ``$$ … $$`` inside HTML output with MathJax."""
    return f"<div>$${html.escape(tex)}$$</div>"


# ----------------------------------------------------------------- networks
def _diagram(net: Any) -> str:
    from .figures import network_diagram, to_data_uri
    from .figures.network_diagram import MAX_DIAGRAM_DEPTH, MAX_DIAGRAM_WIDTH

    if (
        net.inputs != 1
        or net.depth > MAX_DIAGRAM_DEPTH
        or any(w > MAX_DIAGRAM_WIDTH for w in net.widths)
        or net.n_parameters > MAX_DIAGRAM_PARAMETERS
    ):
        return ""
    fig = network_diagram(net, lang=get_lang(), title="")
    return f'<img alt="network diagram" style="max-width:420px" src="{to_data_uri(fig, dpi=DPI)}">'


def network_html(net: Any) -> str:
    """A network: its shape, its formula (LaTeX) and a small diagram."""
    shape = "-".join(str(k) for k in [net.inputs, *net.widths, 1])
    acts = ", ".join(dict.fromkeys(net.activations)) or _t("linear")
    head = _t("shape", shape=shape, acts=acts)
    if net.population is not None:
        return _box(_t("network"), f"<p>{html.escape(head)}; {_t('population', n=net.population)}")
    parts = [f"<p>{html.escape(head)}; {_t('parameters', n=net.n_parameters)}</p>"]
    tex = net._repr_latex_()
    if tex:
        parts.append(_latex(net.formula(latex=True)))
    parts.append(_diagram(net))
    return _box(_t("network"), *parts)


def fit_html(res: Any) -> str:
    """A fit: the network, its errors, how training ran and ended."""
    rows: list[tuple[str, str]] = []
    if np.ndim(res.mse) == 0:
        rows.append((_t("mse"), _num(res.mse)))
        if res.loss is not None and float(res.loss) != float(res.mse):
            rows.append((_t("loss"), _num(res.loss)))
        if res.validation_mse is not None:
            rows.append((_t("validation"), _num(res.validation_mse)))
        ok = bool(res.converged)
        flag = f'<span class="{"good" if ok else "bad"}">{_t("yes" if ok else "no")}</span>'
        rows += [(_t("steps"), str(int(res.steps))), (_t("converged"), flag)]
    else:
        mse = np.asarray(res.mse, dtype=float)
        text = _t(
            "members", n=mse.size, median=_num(np.median(mse)), best=_num(np.min(mse)),
            worst=_num(np.max(mse)), c=int(np.sum(np.asarray(res.converged))),
        )  # fmt: skip
        rows.append((_t("mse"), html.escape(text)))
    opt = html.escape(f"{res.optimizer} ({res.backend})")
    if len(res.restart_mse) > 1:
        opt += " · " + html.escape(_t("restarts", n=len(res.restart_mse)))
    rows += [(_t("optimizer"), opt), (_t("time"), f"{_num(res.time_s, 3)} s")]
    parts = [_table(rows)]
    if res.network.population is None and res.network._repr_latex_():
        parts.append(_latex(res.network.formula(latex=True)))
    return _box(f"{_t('fit')}: {res.network!r}", *parts)


# ----------------------------------------------------------------- collapse
def _pieces_table(res: Any) -> str:
    rows = []
    for k, (a, b, s, c) in enumerate(zip(res.starts, res.stops, res.slopes, res.intercepts)):
        if k == MAX_ROWS:
            rows.append(f'<tr><td colspan="4">{_t("more_rows", n=res.count - MAX_ROWS)}</td></tr>')
            break
        sign = "+" if c >= 0 else "−"
        formula = f"y = {_num(s)}·x {sign} {_num(abs(c))}"
        rows.append(
            f'<tr><td class="n">{k + 1}</td><td class="n">{_num(a)}</td>'
            f'<td class="n">{_num(b)}</td><td>{html.escape(formula)}</td></tr>'
        )
    head = f"<tr><th>{_t('piece')}</th><th>{_t('from')}</th><th>{_t('to')}</th><th>y</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def collapse_html(res: Any) -> str:
    """A collapse result: the line, the polynomial or the pieces a network is."""
    kind = getattr(res, "kind", "")
    if kind == "line":
        if np.ndim(res.a):
            return _box(_t("line_many", n=np.size(res.a)))
        return _box(_t("line"), _latex(_line_tex(float(res.a), float(res.b))))
    if kind == "polynomial":
        title = _t("polynomial", d=res.degree, m=res.max_degree)
        return _box(title, _latex(_poly_tex(res.coefficients)))
    if kind == "pieces":
        return _box(_t("pieces", n=res.count), _pieces_table(res))
    text = res.text() if hasattr(res, "text") else repr(res)  # e.g. regions of many inputs
    return _box(_t("collapsed", kind=kind or type(res).__name__), f"<pre>{html.escape(text)}</pre>")


def _term(coef: float, body: str, first: bool) -> str:
    mag = _num(abs(coef)).replace("−", "-")
    sign = ("-" if coef < 0 else "") if first else (" - " if coef < 0 else " + ")
    if body and mag == "1":
        mag = ""
    return f"{sign}{mag}{body}"


def _line_tex(a: float, b: float) -> str:
    return "y = " + _term(a, "x", True) + _term(b, "", False)


def _poly_tex(coefficients: Any) -> str:
    terms = [(float(c), k) for k, c in enumerate(coefficients) if c != 0][::-1]
    if not terms:
        return "y = 0"
    body = "".join(
        _term(c, "" if k == 0 else ("x" if k == 1 else f"x^{{{k}}}"), i == 0)
        for i, (c, k) in enumerate(terms)
    )
    return "y = " + body


def line_floor_html(res: Any) -> str:
    """The best line on some points and its MSE."""
    return _box(_t("floor_line"), _latex(_line_tex(res.a, res.b)), _table([("MSE", _num(res.mse))]))


def polynomial_floor_html(res: Any) -> str:
    """The best polynomial of bounded degree and its MSE."""
    parts = [_latex(_poly_tex(res.coefficients))] if res.coefficients is not None else []
    return _box(_t("floor_poly", d=res.degree), *parts, _table([("MSE", _num(res.mse))]))


# ------------------------------------------------------------- construction
def construction_html(res: Any) -> str:
    """A hand-built network: neurons, errors, knots and formula."""
    rows = [
        ("MSE", _num(res.mse)),
        (_t("max_error"), _num(res.max_error)),
        (_t("knots"), html.escape(", ".join(f"({_num(x, 4)}, {_num(y, 4)})"
                                            for x, y in zip(res.knots[:12], res.values[:12])))
         + (" …" if len(res.knots) > 12 else "")),
    ]  # fmt: skip
    if res.steepness is not None:
        rows.append((_t("steepness"), _num(res.steepness)))
    if res.tolerance is not None:
        rows.append((_t("tolerance"), _num(res.tolerance)))
    if res.baseline and res.baseline.get("neurons") is not None:
        rows.append(("", html.escape(_t("baseline", n=res.baseline["neurons"]))))
    parts = [_table(rows)]
    if res.network._repr_latex_():
        parts.append(_latex(res.network.formula(latex=True)))
    return _box(_t("construction", n=res.neurons, act=res.activation), *parts)


# -------------------------------------------------------------- experiments
def experiment_html(res: Any) -> str:
    """An experiment: the claim, the verdict computed from the data, and its table."""
    lang = get_lang()
    holds = res.verdict.holds
    cls, word = {True: ("good", "holds"), False: ("bad", "refuted"), None: ("partly", "partly")}[
        holds
    ]
    claim = res.claim.get(lang) or res.claim.get("en", "")
    verdict = res.verdict.text.get(lang) or res.verdict.text.get("en", "")
    head = "".join(f"<th>{html.escape(c)}</th>" for c in res.columns)
    rows = []
    for row in res.rows[:MAX_ROWS]:
        cells = []
        for c in res.columns:
            v = row.get(c)
            numeric = isinstance(v, int | float) and not isinstance(v, bool)
            cells.append(
                f'<td class="n">{_num(v)}</td>' if numeric else f"<td>{html.escape(str(v))}</td>"
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if len(res.rows) > MAX_ROWS:
        more = _t("more_rows", n=len(res.rows) - MAX_ROWS)
        rows.append(f'<tr><td colspan="{len(res.columns)}">{more}</td></tr>')
    return _box(
        _t("experiment", name=res.name),
        f"<p><b>{_t('claim')}:</b> {html.escape(claim)}</p>",
        f'<p><b>{_t("verdict")}: <span class="{cls}">{_t(word)}</span></b> — '
        f"{html.escape(verdict)}</p>",
        f"<table><tr>{head}</tr>{''.join(rows)}</table>",
    )


# ------------------------------------------------------------------ figures
def figure_png(fig: Any) -> bytes:
    """A matplotlib figure as PNG bytes (what a fresh kernel shows without %matplotlib)."""
    from .figures import to_bytes

    return to_bytes(fig, "png", dpi=DPI)


_HTML.update(
    {
        ("actlab.network.model", "Network"): network_html,
        ("actlab.train.result", "FitResult"): fit_html,
        ("actlab.collapse.linear", "Line"): collapse_html,
        ("actlab.collapse.polynomial", "PolynomialNet"): collapse_html,
        ("actlab.collapse.pieces", "Pieces"): collapse_html,
        ("actlab.collapse.regions", "Regions"): collapse_html,
        ("actlab.collapse.affine", "Affine"): collapse_html,
        ("actlab.collapse.multipoly", "MultiPolynomial"): collapse_html,
        ("actlab.collapse.floor", "LineFloor"): line_floor_html,
        ("actlab.collapse.floor", "PolynomialFloor"): polynomial_floor_html,
        ("actlab.construct.result", "Construction"): construction_html,
        ("actlab.experiments.registry", "Result"): experiment_html,
    }
)


def to_html(obj: Any) -> str | None:
    """The HTML a notebook shows for an actlab object (None for any other object)."""
    for cls in type(obj).__mro__:
        fn = _HTML.get((cls.__module__, cls.__name__))
        if fn is not None:
            return fn(obj)
    return None


def register(ip: Any = None) -> bool:
    """Register the formatters with IPython (the running shell by default); False outside it."""
    if ip is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        ip = get_ipython()
    if ip is None or not hasattr(ip, "display_formatter"):
        return False
    formatters = ip.display_formatter.formatters
    html_fmt = formatters["text/html"]
    for (module, name), fn in _HTML.items():
        html_fmt.for_type_by_name(module, name, fn)
    png = formatters["image/png"]
    # %matplotlib inline (or the user) may show figures already: keep that
    loaded = sys.modules.get("matplotlib.figure")
    if ("matplotlib.figure", "Figure") not in png.deferred_printers and not (
        loaded is not None and _has(png, loaded.Figure)
    ):
        png.for_type_by_name("matplotlib.figure", "Figure", figure_png)
    return True


def _has(formatter: Any, cls: type) -> bool:
    try:
        formatter.lookup_by_type(cls)
    except KeyError:
        return False
    return True
