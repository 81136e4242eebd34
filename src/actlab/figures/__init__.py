"""Matplotlib figures of actlab's results, in English or Chinese.

Every function takes data or objects (never file paths, except the GIF it
writes) and returns a :class:`matplotlib.figure.Figure` built without pyplot;
:func:`save` writes PNG and SVG, :func:`to_data_uri` embeds one in HTML.
"""

from __future__ import annotations

from .animation import training_animation
from .basic import fit_figure, target_figure
from .contributions import contributions_figure, decomposition_figure
from .decision import boundary_figure, decision_figure, neuron_maps_figure
from .fonts import FontWarning, find_cjk_font
from .histogram import histogram_figure
from .linear import collapse_figure, lines_sum_figure
from .network_diagram import network_diagram
from .regions import regions_figure
from .save import save, to_bytes, to_data_uri
from .strings import LANGS
from .style import ACTIVATION_COLORS, CONTRIBUTION_COLORS, ROLE_COLORS, style
from .surface import plane_figure, surface_figure, surface_grid
from .width import error_vs_width_figure, loglog_slope, width_series

__all__ = [
    "ACTIVATION_COLORS",
    "CONTRIBUTION_COLORS",
    "LANGS",
    "ROLE_COLORS",
    "FontWarning",
    "boundary_figure",
    "collapse_figure",
    "contributions_figure",
    "decision_figure",
    "decomposition_figure",
    "error_vs_width_figure",
    "find_cjk_font",
    "fit_figure",
    "histogram_figure",
    "lines_sum_figure",
    "loglog_slope",
    "network_diagram",
    "neuron_maps_figure",
    "plane_figure",
    "regions_figure",
    "save",
    "style",
    "surface_figure",
    "surface_grid",
    "target_figure",
    "to_bytes",
    "to_data_uri",
    "training_animation",
    "width_series",
]
