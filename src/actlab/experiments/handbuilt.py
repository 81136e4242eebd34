"""``handbuilt``: the lesson's two sigmoids vs the best construction vs the trained optimum."""

from __future__ import annotations

import numpy as np

from .. import lesson
from ..collapse import best_line
from ..network import Network
from ..problem import Problem
from ._common import Claim
from .registry import Result, Verdict, check_size, experiment
from .training import best_of

CLAIM = Claim(
    "handbuilt",
    en="y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2, a constant plus two sigmoids, fits the target.",
    zh="y = 4σ(2.4x − 2.4) + 2σ(−2.4x + 7.4) − 2，一个常数加两个 sigmoid，就能拟合目标函数。",
)


def _row(label: str, net: Network, x: np.ndarray, y: np.ndarray) -> dict:
    err = net(x) - y
    return {
        "network": label,
        "mse": float(np.mean(err**2)),
        "max_error": float(np.abs(err).max()),
        "formula": net.formula(),
    }


@experiment(CLAIM.name)
def handbuilt(*, size: str = "full", seed: int = 0) -> Result:
    """Score the lesson's hand-picked network against the best two-sigmoid networks."""
    from ..construct import lesson_case

    check_size(size)
    x, y = Problem.lesson().train()
    n_seeds = 10 if size == "small" else 100
    params = {"size": size, "seed": seed, "restarts": n_seeds}
    trained, _ = best_of(2, 1, "sigmoid", x, y, seed=seed, restarts=n_seeds)
    cases = {c.name: c.network for c in lesson_case()}
    rows = [
        _row("lesson", lesson.handbuilt_network(), x, y),
        _row("construction", cases["constructed"], x, y),
        _row("best construction", cases["best"], x, y),
        _row("trained", trained, x, y),
    ]
    floor = best_line(x, y).mse
    lesson_mse, best = rows[0]["mse"], min(r["mse"] for r in rows)
    holds = bool(lesson_mse < 0.05 * floor)
    findings = {"line_floor_mse": floor, "best_mse": best}
    text = {
        "en": (
            f"The lesson's two sigmoids fit: MSE {lesson_mse:.4f} (largest error "
            f"{rows[0]['max_error']:.3f}), {floor / lesson_mse:.0f}× below the best line's "
            f"{floor:.4f}. They are not the best two sigmoids: the best construction reaches "
            f"{rows[2]['mse']:.6f} and training {rows[3]['mse']:.6f}, "
            f"{lesson_mse / best:.1f}× lower than the lesson's."
        ),
        "zh": (
            f"课程里的两个 sigmoid 确实拟合了目标：MSE {lesson_mse:.4f}（最大误差 "
            f"{rows[0]['max_error']:.3f}），比最佳直线的 {floor:.4f} 低 {floor / lesson_mse:.0f} 倍。"
            f"但它们不是最好的两个 sigmoid：最好的构造达到 {rows[2]['mse']:.6f}，训练达到 "
            f"{rows[3]['mse']:.6f}，是课程的 1/{lesson_mse / best:.1f}。"
        ),
    }
    if not holds:
        text = {
            "en": f"The lesson's network does not fit: MSE {lesson_mse:.4f} vs line {floor:.4f}.",
            "zh": f"课程的网络没有拟合好：MSE {lesson_mse:.4f}，直线为 {floor:.4f}。",
        }
    figure = {"lesson": lesson.handbuilt_network(), "trained": trained}
    return CLAIM.result(params, rows, Verdict(holds, text), findings, figure)
