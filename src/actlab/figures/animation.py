"""A GIF of training: the fit moving towards the target, and the loss falling."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.animation import PillowWriter

from .._validate import check_int
from ..errors import DataError
from ._data import array1d
from ._draw import plot_target
from .save import _drawing
from .strings import text
from .style import ROLE_COLORS, style

__all__ = ["MAX_FRAMES", "pick_frames", "training_animation"]

MAX_FRAMES = 40


def pick_frames(count: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """Indices of at most ``max_frames`` evenly spread frames, first and last included."""
    if count <= max_frames:
        return np.arange(count)
    return np.unique(np.round(np.linspace(0, count - 1, max_frames)).astype(int))


def _unpack(frames: Sequence[Any], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not isinstance(frames, Sequence) or len(frames) == 0:
        raise DataError("the 'frames' parameter must be a non-empty list of (step, y_pred, loss)")
    steps, preds, losses = [], [], []
    for k, frame in enumerate(frames):
        try:
            step, y_pred, loss = frame
        except (TypeError, ValueError):
            raise DataError(
                f"frame {k} must be a (step, y_pred, loss) triple, got {frame!r}"
            ) from None
        steps.append(float(step))
        preds.append(array1d(f"frames[{k}] y_pred", y_pred, n))
        losses.append(float(loss))
    loss = np.array(losses)
    if not np.all(np.isfinite(loss)):
        raise DataError("the 'frames' hold a NaN or infinite loss")
    return np.array(steps), np.stack(preds), loss


def training_animation(
    frames: Sequence[tuple[int, Any, float]],
    x: Any,
    y_target: Any,
    path: str | Path,
    *,
    fps: int = 8,
    dpi: int = 90,
    max_frames: int = MAX_FRAMES,
    lang: str = "en",
    title: str | None = None,
) -> Path:
    """Write a GIF of training history ``frames`` [(step, y_pred, loss)]; returns its path.

    Left: target and the prediction at each kept step. Right: the whole loss
    curve, drawn up to the current step. At most ``max_frames`` evenly spread
    frames are kept (first and last included) so the file stays small.
    """
    x = array1d("x", x)
    y_t = array1d("y_target", y_target, x.size)
    steps, preds, losses = _unpack(frames, x.size)
    fps = check_int("fps", fps, 1, 50)
    dpi = check_int("dpi", dpi, 20, 300)
    keep = pick_frames(len(steps), check_int("max_frames", max_frames, 1, 400))
    span = float(np.ptp(y_t)) or 1.0
    lo = max(min(float(y_t.min()), float(preds[keep].min())), float(y_t.min()) - span)
    hi = min(max(float(y_t.max()), float(preds[keep].max())), float(y_t.max()) + span)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with style(lang) as s:
        fig = s.figure(figsize=(6.8, 2.9))
        ax_fit, ax_loss = fig.subplots(1, 2, width_ratios=[1.35, 1])
        plot_target(ax_fit, x, y_t, s.lang)
        (pred,) = ax_fit.plot(
            x,
            preds[0],
            color=ROLE_COLORS["output"],
            linewidth=2.4,
            label=text("prediction", s.lang),
            gid="prediction",
        )
        ax_fit.set_ylim(lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo))
        ax_fit.set_xlabel(text("x", s.lang))
        ax_fit.set_ylabel(text("y", s.lang))
        ax_fit.legend(loc="best")
        step_title = ax_fit.set_title("")
        loss_title = ax_loss.set_title("")
        ax_loss.plot(steps, losses, color="#BBBBBB", linewidth=1.2, gid="loss_all")
        (done,) = ax_loss.plot(
            steps[:1], losses[:1], color=ROLE_COLORS["output"], linewidth=2.0, gid="loss"
        )
        (now,) = ax_loss.plot(steps[:1], losses[:1], "o", color=ROLE_COLORS["output"])
        if np.all(losses > 0):
            ax_loss.set_yscale("log")
        ax_loss.set_xlabel(text("steps", s.lang))
        ax_loss.set_ylabel(text("loss", s.lang))
        if title:
            fig.suptitle(title)
        writer = PillowWriter(fps=fps)
        with _drawing(fig), writer.saving(fig, str(out), dpi):
            for k in keep:
                pred.set_ydata(preds[k])
                done.set_data(steps[: k + 1], losses[: k + 1])
                now.set_data(steps[k : k + 1], losses[k : k + 1])
                step_title.set_text(text("step", s.lang, s=int(steps[k])))
                loss_title.set_text(f"{text('loss', s.lang)} = {losses[k]:.3g}")
                writer.grab_frame()
    return out
