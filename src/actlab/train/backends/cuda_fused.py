"""Adam for one-hidden-layer populations as one fused Triton kernel on a CUDA device.

Why a kernel: an eager PyTorch step launches dozens of kernels, each reading
and writing (P, N, width) temporaries from GPU memory, so it is memory-bound
and launch-bound. Here one program owns a block of networks, keeps their
parameters and Adam moments in registers, streams the N data points (cached
by L1/L2) and runs forward pass, backward pass and update for many steps in a
single launch: arithmetic, not memory traffic, is what remains. Hidden
neurons are padded to a power of two; padded neurons have zero weights and
zero gradients, so they never change and never contribute.

Driven by :func:`actlab.train._cuda.adam`, for Adam on CUDA when Triton is importable,
``tol`` is 0 and the activation is one of :data:`ACTS`; otherwise the generic
loop runs. Float32 and float64 both work.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._params import Layout

__all__ = ["ACTS", "AdamRunner", "available", "supports"]

ACTS = {"identity": 0, "sigmoid": 1, "tanh": 2, "relu": 3, "silu": 4, "softplus": 5}
BLOCK = 128  # networks per program; with WARPS the fastest of those tried on an H200
WARPS = 4


try:  # Triton ships with CUDA builds of PyTorch; without it the generic loop runs
    import triton
    import triton.language as tl
except ImportError:  # pragma: no cover - depends on the environment
    triton = None

if triton is not None:

    @triton.jit
    def act(z, code: tl.constexpr):
        # returns (φ(z), φ'(z))
        if code == 1:
            a = 1.0 / (1.0 + tl.exp(-z))
            return a, a * (1.0 - a)
        elif code == 2:
            s = 1.0 / (1.0 + tl.exp(-2.0 * z))
            a = 2.0 * s - 1.0
            return a, 1.0 - a * a
        elif code == 3:
            return tl.maximum(z, 0.0), tl.where(z > 0, 1.0, 0.0)
        elif code == 4:
            s = 1.0 / (1.0 + tl.exp(-z))
            return z * s, s * (1.0 + z * (1.0 - s))
        elif code == 5:
            s = 1.0 / (1.0 + tl.exp(-z))
            return tl.log(1.0 + tl.exp(-tl.abs(z))) + tl.maximum(z, 0.0), s
        else:
            return z, z * 0.0 + 1.0

    @triton.jit
    def adam_kernel(
        x_ptr, t_ptr, th_ptr, m_ptr, v_ptr, loss_ptr, c1_ptr, c2_ptr, hp_ptr,
        P, N, steps,
        W: tl.constexpr, WP: tl.constexpr, BLOCK: tl.constexpr, CODE: tl.constexpr,
    ):  # fmt: skip
        pid = tl.program_id(0)
        rows = pid * BLOCK + tl.arange(0, BLOCK)
        rmask = rows < P
        cols = tl.arange(0, WP)
        cmask = cols < W
        mask2 = rmask[:, None] & cmask[None, :]
        p = 3 * W + 1
        base = rows[:, None].to(tl.int64) * p + cols[None, :]
        last = rows.to(tl.int64) * p + 3 * W
        w = tl.load(th_ptr + base, mask=mask2, other=0.0)
        b = tl.load(th_ptr + base + W, mask=mask2, other=0.0)
        c = tl.load(th_ptr + base + 2 * W, mask=mask2, other=0.0)
        d = tl.load(th_ptr + last, mask=rmask, other=0.0)
        mw = tl.load(m_ptr + base, mask=mask2, other=0.0)
        mb = tl.load(m_ptr + base + W, mask=mask2, other=0.0)
        mc = tl.load(m_ptr + base + 2 * W, mask=mask2, other=0.0)
        md = tl.load(m_ptr + last, mask=rmask, other=0.0)
        vw = tl.load(v_ptr + base, mask=mask2, other=0.0)
        vb = tl.load(v_ptr + base + W, mask=mask2, other=0.0)
        vc = tl.load(v_ptr + base + 2 * W, mask=mask2, other=0.0)
        vd = tl.load(v_ptr + last, mask=rmask, other=0.0)
        # hyperparameters come as a tensor of the parameters' dtype: Python floats
        # would reach the kernel rounded to float32
        lr = tl.load(hp_ptr)
        beta1 = tl.load(hp_ptr + 1)
        beta2 = tl.load(hp_ptr + 2)
        eps = tl.load(hp_ptr + 3)
        l2 = tl.load(hp_ptr + 4)
        inv_n = 1.0 / N.to(w.dtype)
        keep = tl.where(cmask[None, :], 1.0, 0.0).to(w.dtype)
        for s in tl.range(0, steps):
            gw = tl.zeros_like(w)
            gb = tl.zeros_like(w)
            gc = tl.zeros_like(w)
            gd = tl.zeros_like(d)
            sse = tl.zeros_like(d)
            for n in tl.range(0, N):
                xn = tl.load(x_ptr + n)
                tn = tl.load(t_ptr + n)
                a, da = act(w * xn + b, CODE)
                r = tl.sum(c * a, axis=1) + d - tn
                sse += r * r
                gd += r
                rr = r[:, None]
                gc += rr * a
                sd = rr * c * da
                gb += sd
                gw += sd * xn
            if s == 0:
                tl.store(loss_ptr + rows, sse * inv_n, mask=rmask)
            two = 2.0 * inv_n
            gw = gw * two * keep + 2.0 * l2 * w
            gb = gb * two * keep
            gc = gc * two * keep + 2.0 * l2 * c
            gd = gd * two
            c1 = tl.load(c1_ptr + s)
            c2 = tl.load(c2_ptr + s)
            step = lr / c1
            mw = beta1 * mw + (1.0 - beta1) * gw
            vw = beta2 * vw + (1.0 - beta2) * gw * gw
            w = w - step * mw / (tl.sqrt(vw) / c2 + eps)
            mb = beta1 * mb + (1.0 - beta1) * gb
            vb = beta2 * vb + (1.0 - beta2) * gb * gb
            b = b - step * mb / (tl.sqrt(vb) / c2 + eps)
            mc = beta1 * mc + (1.0 - beta1) * gc
            vc = beta2 * vc + (1.0 - beta2) * gc * gc
            c = c - step * mc / (tl.sqrt(vc) / c2 + eps)
            md = beta1 * md + (1.0 - beta1) * gd
            vd = beta2 * vd + (1.0 - beta2) * gd * gd
            d = d - step * md / (tl.sqrt(vd) / c2 + eps)
        tl.store(th_ptr + base, w, mask=mask2)
        tl.store(th_ptr + base + W, b, mask=mask2)
        tl.store(th_ptr + base + 2 * W, c, mask=mask2)
        tl.store(th_ptr + last, d, mask=rmask)
        tl.store(m_ptr + base, mw, mask=mask2)
        tl.store(m_ptr + base + W, mb, mask=mask2)
        tl.store(m_ptr + base + 2 * W, mc, mask=mask2)
        tl.store(m_ptr + last, md, mask=rmask)
        tl.store(v_ptr + base, vw, mask=mask2)
        tl.store(v_ptr + base + W, vb, mask=mask2)
        tl.store(v_ptr + base + 2 * W, vc, mask=mask2)
        tl.store(v_ptr + last, vd, mask=rmask)


def available() -> bool:
    """Whether Triton can be imported."""
    return triton is not None


def supports(layout: Layout, tol: float = 0.0) -> bool:
    """Whether the kernel covers this layout (one input, one hidden layer, known act, tol 0)."""
    return (
        layout.is_shallow
        and layout.inputs == 1
        and layout.activations[0] in ACTS
        and tol == 0
        and available()
    )


class AdamRunner:
    """Parameters and moments on the device, advanced ``k`` steps per launch."""

    def __init__(self, torch: Any, theta: Any, x: Any, y: Any, width: int, act: str) -> None:
        self.torch, self.theta, self.x, self.y = torch, theta, x, y
        self.m = torch.zeros_like(theta)
        self.v = torch.zeros_like(theta)
        self.loss = torch.empty(theta.shape[0], dtype=theta.dtype, device=theta.device)
        self.width, self.code, self.done = width, ACTS[act], 0
        self.wp = max(2, 1 << (width - 1).bit_length())

    def run(
        self, k: int, lr: float, betas: tuple[float, float], eps: float, l2: float,
        block: int | None = None, warps: int | None = None,
    ) -> Any:  # fmt: skip
        """Take ``k`` steps; returns the loss (P,) before the first of them."""
        torch = self.torch
        b1, b2 = betas
        hp = torch.as_tensor([lr, b1, b2, eps, l2], dtype=self.theta.dtype,
                             device=self.theta.device)  # fmt: skip
        steps = np.arange(self.done + 1, self.done + k + 1, dtype=np.float64)
        c1 = torch.as_tensor(1.0 - b1**steps, dtype=self.theta.dtype, device=self.theta.device)
        c2 = torch.as_tensor(np.sqrt(1.0 - b2**steps), dtype=self.theta.dtype,
                             device=self.theta.device)  # fmt: skip
        population = self.theta.shape[0]
        block = BLOCK if block is None else block
        warps = WARPS if warps is None else warps
        grid = (-(-population // block),)
        adam_kernel[grid](
            self.x, self.y, self.theta, self.m, self.v, self.loss, c1, c2, hp,
            population, self.x.shape[0], k,
            W=self.width, WP=self.wp, BLOCK=block, CODE=self.code, num_warps=warps,
        )  # fmt: skip
        self.done += k
        return self.loss
