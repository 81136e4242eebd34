"""A GIF of training: the fit moving towards the target, and the loss falling."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .._validate import check_int
from ..errors import DataError
from ._data import array1d
from ._draw import plot_target
from .save import _drawing
from .strings import text
from .style import ROLE_COLORS, style

__all__ = ["MAX_FRAMES", "pick_frames", "training_animation"]

MAX_FRAMES = 40
PALETTE = 96  # colours in the GIF


def pick_frames(count: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """Indices of at most ``max_frames`` evenly spread frames, first and last included."""
    if count <= max_frames:
        return np.arange(count)
    return np.unique(np.round(np.linspace(0, count - 1, max_frames)).astype(int))


def _render(
    fig: Figure, moving: list[Artist], dpi: int, keep: np.ndarray, update: Callable[[int], None]
) -> list[Image.Image]:
    """One palette image per kept index, after ``update(index)`` has moved ``moving``.

    The still parts (axes, ticks, labels, the target) are drawn once; each frame
    only redraws the moving artists over that background, which makes a GIF of
    40 frames take a fraction of a second instead of 40 full draws.
    """
    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(dpi)
    for a in moving:
        a.set_animated(True)
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    frames = []
    for k in keep:
        update(int(k))
        canvas.restore_region(background)
        for a in moving:
            fig.draw_artist(a)
        frames.append(np.array(np.asarray(canvas.buffer_rgba())[..., :3]))
    # one palette for every frame (from the first and last): colours stay put and
    # the GIF stores only the pixels that change, a third of the size
    mosaic = Image.fromarray(np.concatenate([frames[0], frames[-1]]))
    palette = np.array(mosaic.quantize(colors=PALETTE).getpalette()[: 3 * PALETTE])
    images = [_indexed(f, palette.reshape(-1, 3)) for f in frames]
    return images


def _indexed(rgb: np.ndarray, palette: np.ndarray) -> Image.Image:
    """``rgb`` with each colour replaced by its nearest palette entry (exact, no dither)."""
    packed = (
        (rgb[..., 0].astype(np.int64) << 16) | (rgb[..., 1].astype(np.int64) << 8) | rgb[..., 2]
    )
    colours, inverse = np.unique(packed.ravel(), return_inverse=True)
    rgb_u = np.stack([colours >> 16, (colours >> 8) & 255, colours & 255], axis=1)
    nearest = ((rgb_u[:, None, :] - palette[None, :, :]) ** 2).sum(-1).argmin(1)
    image = Image.fromarray(nearest.astype(np.uint8)[inverse].reshape(rgb.shape[:2]), mode="P")
    image.putpalette(palette.ravel().tolist())
    return image


def _write_gif(images: list[Image.Image], path: Path, fps: int) -> None:
    """An endlessly looping GIF, ``fps`` frames per second."""
    images[0].save(
        path, save_all=True, append_images=images[1:], duration=round(1000 / fps), loop=0
    )


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
        step_title.set_text(text("step", s.lang, s=int(steps[-1])))  # the widest title
        loss_title.set_text(f"{text('loss', s.lang)} = {losses[0]:.3g}")
        moving = [pred, done, now, step_title, loss_title]

        def update(k: int) -> None:
            pred.set_ydata(preds[k])
            done.set_data(steps[: k + 1], losses[: k + 1])
            now.set_data(steps[k : k + 1], losses[k : k + 1])
            step_title.set_text(text("step", s.lang, s=int(steps[k])))
            loss_title.set_text(f"{text('loss', s.lang)} = {losses[k]:.3g}")

        with _drawing(fig):
            images = _render(fig, moving, dpi, keep, update)
    _write_gif(images, out, fps)
    return out
