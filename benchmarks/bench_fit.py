"""Time to accuracy on the lesson's target: one hidden sigmoid layer, widths 2, 3 and 8.

Each method fits the 201 points on [−2, 6] from seeds 0..S−1; a fit succeeds
when its MSE is within 1% of the best-known optimum (width 2: 0.0075280,
width 3: 0.0027674) or ≤ 1e-3 (width 8). Reported per width and method:
median seconds per fit (restarts included), success rate and median MSE.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from _common import X, Y, success, timed
from actlab import Network
from actlab.train import fit

Fit = Callable[[int, int], float]  # (width, seed) → final MSE


def actlab_fit(optimizer: str = "lm", **kw: Any) -> Fit:
    """actlab's ``fit`` (defaults: Levenberg–Marquardt, 6 starts)."""

    def run(width: int, seed: int) -> float:
        return fit(Network.init(width, seed=seed), X, Y, optimizer=optimizer, seed=seed, **kw).mse

    return run


def sklearn_fit(solver: str) -> Fit:
    """scikit-learn's MLPRegressor with a logistic hidden layer, run to convergence.

    lbfgs: tol 1e-10 and up to 5000 iterations (its default tol of 1e-4 is absolute on
    losses below 1, so it stops on plateaus far from the optimum: fast but not accurate);
    lbfgs-default: every setting at scikit-learn's default (200 iterations, tol 1e-4);
    adam: learning rate 0.01, up to 2000 epochs, its default stopping rule.
    """
    from sklearn.neural_network import MLPRegressor

    opts = {
        "lbfgs": {"max_iter": 5000, "tol": 1e-10},
        "lbfgs-default": {},
        "adam": {"max_iter": 2000, "learning_rate_init": 0.01},
    }

    def run(width: int, seed: int) -> float:
        model = MLPRegressor(
            hidden_layer_sizes=(width,),
            activation="logistic",
            solver=solver.split("-")[0],
            random_state=seed,
            **opts[solver],
        )
        model.fit(X[:, None], Y)
        return float(np.mean((model.predict(X[:, None]) - Y) ** 2))

    return run


def torch_fit(optimizer: str) -> Fit:
    """PyTorch: Linear–Sigmoid–Linear in float64, Adam (3000 steps) or LBFGS (strong Wolfe)."""
    import torch

    def run(width: int, seed: int) -> float:
        torch.manual_seed(seed)
        model = torch.nn.Sequential(
            torch.nn.Linear(1, width), torch.nn.Sigmoid(), torch.nn.Linear(width, 1)
        ).double()
        xt, yt = torch.as_tensor(X[:, None]), torch.as_tensor(Y[:, None])
        if optimizer == "adam":
            opt = torch.optim.Adam(model.parameters(), lr=0.01)
            for _ in range(3000):
                opt.zero_grad()
                loss = ((model(xt) - yt) ** 2).mean()
                loss.backward()
                opt.step()
        else:
            opt = torch.optim.LBFGS(
                model.parameters(),
                lr=1,
                max_iter=1000,
                history_size=10,
                tolerance_grad=1e-9,
                tolerance_change=1e-12,
                line_search_fn="strong_wolfe",
            )

            def closure() -> Any:
                opt.zero_grad()
                loss = ((model(xt) - yt) ** 2).mean()
                loss.backward()
                return loss

            opt.step(closure)
        with torch.no_grad():
            return float(((model(xt) - yt) ** 2).mean())

    return run


METHODS: dict[str, Callable[[], Fit]] = {
    "actlab (lm, default)": actlab_fit,
    "actlab (lbfgs)": lambda: actlab_fit("lbfgs"),
    "actlab (adam, 2000 steps)": lambda: actlab_fit("adam", tol=0.0),
    "scikit-learn lbfgs": lambda: sklearn_fit("lbfgs"),
    "scikit-learn lbfgs (defaults)": lambda: sklearn_fit("lbfgs-default"),
    "scikit-learn adam": lambda: sklearn_fit("adam"),
    "pytorch LBFGS": lambda: torch_fit("lbfgs"),
    "pytorch Adam (3000 steps)": lambda: torch_fit("adam"),
}


def run(
    widths: tuple[int, ...], seeds: int, methods: list[str], log: Callable[[str], None]
) -> list[dict[str, Any]]:
    """Every method on every width; returns one row per (width, method)."""
    rows = []
    for width in widths:
        for name in methods:
            try:
                fn = METHODS[name]()
            except ImportError as e:
                log(f"  skip {name}: {e}")
                continue
            timed(lambda fn=fn, width=width: fn(width, 10_000))  # warm-up: imports, compiles
            times, mses = [], []
            for seed in range(seeds):
                t, mse = timed(lambda fn=fn, width=width, seed=seed: fn(width, seed))
                times.append(t)
                mses.append(mse)
            row = {
                "width": width,
                "method": name,
                "median_s": float(np.median(times)),
                "success": float(np.mean([success(width, m) for m in mses])),
                "median_mse": float(np.median(mses)),
                "worst_mse": float(np.max(mses)),
                "seeds": seeds,
            }
            rows.append(row)
            log(
                f"  width {width}  {name:<28} {row['median_s'] * 1e3:9.2f} ms  "
                f"success {100 * row['success']:5.1f}%  median MSE {row['median_mse']:.7f}"
            )
    return rows
