"""numba kernels for one-hidden-layer networks y = Σ c_i·φ(w_i x + b_i) + c0.

Every kernel loops over population members; each member's work is
independent and identical to a population of one, so a member trained in a
population gets the same numbers as trained alone.
"""

from __future__ import annotations

from ._common import loss
from ._first_order import first_order
from ._lm import levenberg_marquardt
from ._starts import shallow_hidden

__all__ = ["first_order", "levenberg_marquardt", "loss", "shallow_hidden"]
