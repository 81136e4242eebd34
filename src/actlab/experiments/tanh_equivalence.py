"""``tanh-equivalence``: sigmoid and tanh networks of one width reach the same optimum."""

from __future__ import annotations

import numpy as np

from ._common import best_of, lesson_data
from .base import Result, Verdict, check_size, experiment

CLAIM = {
    "en": "Tanh works the same way: tanh curves, shifted and scaled, build the target too.",
    "zh": "tanh 同理：平移、缩放后的 tanh 曲线加起来也能拼出目标函数。",
}


@experiment("tanh-equivalence")
def tanh_equivalence(*, size: str = "full", seed: int = 0) -> Result:
    """Best sigmoid vs best tanh network per width, and the exact conversion between them."""
    from ..construct import sigmoid_to_tanh, tanh_to_sigmoid

    check_size(size)
    x, y = lesson_data()
    widths = [1, 2, 3] if size == "small" else [1, 2, 3, 4, 6, 8]
    n_seeds = 8 if size == "small" else 40
    seeds = [seed * 104729 + i for i in range(n_seeds)]
    rows = []
    for width in widths:
        sig, mse_s = best_of(width, 1, "sigmoid", seeds, x, y, optimizer="lm")
        tan, mse_t = best_of(width, 1, "tanh", seeds, x, y, optimizer="lm")
        to_tanh = float(np.abs(sigmoid_to_tanh(sig)(x) - sig(x)).max())
        to_sig = float(np.abs(tanh_to_sigmoid(tan)(x) - tan(x)).max())
        rows.append(
            {
                "width": width,
                "sigmoid_mse": mse_s,
                "tanh_mse": mse_t,
                "relative_gap": abs(mse_s - mse_t) / max(mse_s, mse_t),
                "conversion_error": max(to_tanh, to_sig),
            }
        )
    gap = max(r["relative_gap"] for r in rows)
    conv = max(r["conversion_error"] for r in rows)
    holds = bool(gap < 0.01 and conv < 1e-10)
    text = {
        "en": (
            f"For every width from {widths[0]} to {widths[-1]} the best sigmoid and tanh networks "
            f"reach the same MSE (largest relative gap {gap:.1e}); tanh(z) = 2σ(2z) − 1 maps one "
            f"onto the other exactly (largest output difference {conv:.1e})."
        ),
        "zh": (
            f"宽度 {widths[0]} 到 {widths[-1]} 的每一种，最好的 sigmoid 网络与 tanh 网络达到同样的 MSE"
            f"（最大相对差 {gap:.1e}）；恒等式 tanh(z) = 2σ(2z) − 1 把一个精确地变成另一个"
            f"（输出最大差 {conv:.1e}）。"
        ),
    }
    return Result(
        name="tanh-equivalence",
        claim=CLAIM,
        params={"size": size, "seed": seed, "widths": widths, "seeds": n_seeds},
        columns=["width", "sigmoid_mse", "tanh_mse", "relative_gap", "conversion_error"],
        rows=rows,
        verdict=Verdict(holds, text),
        findings={"largest_relative_gap": gap, "largest_conversion_error": conv},
        figure={"rows": rows},
    )
