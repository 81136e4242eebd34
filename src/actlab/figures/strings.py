"""Every word the figures print, in English and Chinese."""

from __future__ import annotations

from typing import Any

from .._validate import check_choice

__all__ = ["LANGS", "check_lang", "text"]

LANGS = ("en", "zh")

# key → (English, Chinese); ``{name}`` fields are filled by :func:`text`.
STRINGS: dict[str, tuple[str, str]] = {
    # axes and shared roles
    "x": ("x", "x"),
    "y": ("y", "y"),
    "target": ("target f(x)", "目标函数 f(x)"),
    "output": ("network output", "网络输出"),
    "sum": ("sum = network output", "之和 = 网络输出"),
    "points": ("marked points", "标记点"),
    "kinks": ("kinks", "拐点"),
    "neuron": ("neuron {i}", "神经元 {i}"),
    "neurons": ("{n} neuron contributions", "{n} 个神经元的贡献"),
    "negligible": ("{label} (negligible)", "{label}（可忽略）"),
    "n_negligible": ("{n} negligible (faint)", "{n} 个可忽略（浅色）"),
    "output_bias": ("output bias {b}", "输出偏置 {b}"),
    "constant": ("constant {b}", "常数 {b}"),
    # titles
    "target_title": ("The target function", "目标函数"),
    "lines_title": (
        "Without an activation, lines add up to a line",
        "没有激活函数：几条直线相加仍是一条直线",
    ),
    "line_term": ("neuron {i}: {formula}", "神经元 {i}：{formula}"),
    "line_sum": ("sum: {formula}", "之和：{formula}"),
    "decomposition_title": (
        "Each neuron's part, and their sum",
        "每个神经元的贡献，以及它们的和",
    ),
    "contributions_title": (
        "Per-neuron contributions of {shape}",
        "{shape} 中每个神经元的贡献",
    ),
    "diagram_title": ("Network {shape}", "网络结构 {shape}"),
    "fit_title": ("Fitting a harder curve", "拟合更复杂的曲线"),
    # error vs width
    "width_axis": ("hidden neurons (width)", "隐藏神经元个数（宽度）"),
    "error_axis": ("{metric}", "{metric}"),
    "mse": ("mean squared error", "均方误差"),
    "max_error": ("largest error", "最大误差"),
    "slope": ("{label} (slope {s})", "{label}（斜率 {s}）"),
    "no_slope": ("{label} (no slope)", "{label}（无法拟合斜率）"),
    "width_title": ("Error vs width (log-log)", "误差随宽度变化（双对数坐标）"),
    # histogram
    "hist_x": (
        "weakest neuron's contribution size / target range",
        "最弱神经元的贡献大小 / 目标值域",
    ),
    "hist_y": ("networks", "网络个数"),
    "threshold": ("threshold {t}", "阈值 {t}"),
    "below": ("{k} of {n} below the threshold ({p})", "{n} 个中有 {k} 个低于阈值（{p}）"),
    "hist_title": ("How weak is the weakest neuron?", "最弱的神经元有多弱？"),
    # animation
    "step": ("step {s}", "第 {s} 步"),
    "steps": ("training step", "训练步数"),
    "loss": ("loss (MSE)", "损失（均方误差）"),
    "prediction": ("prediction", "网络预测"),
    # collapse
    "linear_net": ("linear network: {formula}", "线性网络：{formula}"),
    "best_line": ("best line: {formula}", "最佳直线：{formula}"),
    "relu_net": ("ReLU network", "ReLU 网络"),
    "breakpoints": ("breakpoints ({n})", "折点（{n} 个）"),
    "collapse_linear_title": ("A linear network is a line", "线性网络只是一条直线"),
    "collapse_relu_title": (
        "A ReLU network is piecewise linear: {n} pieces",
        "ReLU 网络是分段线性的：{n} 段",
    ),
    # two inputs
    "surface_target": ("target f(x1, x2)", "目标函数 f(x1, x2)"),
    "surface_fit": ("{label} (MSE {mse})", "{label}（MSE {mse}）"),
    "surface_title": ("A function of two inputs and its fits", "二元函数及其拟合"),
    "plane_panel": ("linear network: a plane", "线性网络：一个平面"),
    "plane_error": ("plane − target (MSE {mse})", "平面 − 目标（MSE {mse}）"),
    "plane_title": (
        "A linear network is a plane: its contours are straight, parallel lines",
        "线性网络只是一个平面：等高线是平行的直线",
    ),
    "regions_title": (
        "A ReLU network is linear on each of {n} regions",
        "ReLU 网络在 {n} 个区域上各自是线性的",
    ),
    "slope_angle": ("direction of the gradient (rad)", "梯度方向（弧度）"),
    # classifiers in the plane
    "decision_title": ("Decision regions", "决策区域"),
    "neuron_maps_title": ("What each hidden neuron computes", "每个隐藏神经元的输出"),
    "boundary_title": (
        "A network without activations: one straight boundary",
        "没有激活函数的网络：一条直的边界",
    ),
    "boundary_line": ("boundary {eq}", "边界 {eq}"),
    "class": ("class {name}", "类别 {name}"),
}


def check_lang(lang: Any) -> str:
    """Return ``lang`` if it is a supported language ("en" or "zh"), else raise ConfigError."""
    return check_choice("lang", lang, LANGS)


def text(key: str, lang: str, **fields: Any) -> str:
    """The string ``key`` in ``lang`` with ``fields`` filled in."""
    en, zh = STRINGS[key]
    return (zh if lang == "zh" else en).format(**fields)
