"""The lab in a notebook: ``from actlab.widgets import Lab; Lab()`` (needs anywidget).

:class:`Lab` runs the lab's page in the notebook and answers it in the kernel with
the same functions as ``actlab serve``; ``lab.state`` and ``lab.network`` are its
state and network, readable and settable from Python.
"""

from __future__ import annotations

from .lab import Lab, check_state, default_state

__all__ = ["Lab", "check_state", "default_state"]
