"""Plotly figures for the dashboards: pure functions of plain numbers, Vietnamese labels."""

from __future__ import annotations

import json
from decimal import Decimal

import plotly.graph_objects as go
import plotly.io as pio
from django.utils.translation import gettext as _

STATUS_COLOURS = {
    "achieved": "#1a7f37", "on_track": "#4ac26b", "acceleration_needed": "#d4a72c",
    "limited": "#e16f24", "deterioration": "#cf222e", "no_data": "#8c959f",
    "no_target": "#afb8c1",
}
_LAYOUT = {"separators": ",.", "margin": {"l": 50, "r": 20, "t": 40, "b": 40},
           "font": {"family": "Roboto, Noto Sans, Arial, sans-serif", "size": 12},
           "legend": {"orientation": "h", "y": -0.15}}


def use_default_template() -> None:
    """Set once at start-up: a template per figure costs ~16 ms, a global one ~2.6 ms."""
    pio.templates.default = "plotly_white"


def _f(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def series_chart(*, points: list[tuple[int, Decimal]], targets: list[tuple[int, Decimal, str]],
                 unit_label: str, title: str) -> go.Figure:
    """The measure's values by year, its targets, and the straight path from the latest
    value to each target that is still ahead (the trajectory needed)."""
    figure = go.Figure()
    years = [year for year, _ in points]
    figure.add_trace(go.Scatter(x=years, y=[_f(v) for _, v in points], mode="lines+markers",
                                name=_("Thực hiện"), line={"color": "#1f4e79", "width": 3}))
    for year, value, label in targets:
        figure.add_trace(go.Scatter(
            x=[year], y=[_f(value)], mode="markers+text",
            name=_("Mục tiêu %(year)s") % {"year": year},
            text=[label], textposition="top center",
            marker={"symbol": "star", "size": 14, "color": "#cf222e"}))
        if points and year > points[-1][0]:
            last_year, last_value = points[-1]
            figure.add_trace(go.Scatter(
                x=[last_year, year], y=[_f(last_value), _f(value)], mode="lines",
                name=_("Lộ trình cần đạt đến %(year)s") % {"year": year},
                line={"dash": "dot", "color": "#cf222e"}))
    figure.update_layout(title=title, xaxis={"title": _("Năm"), "dtick": 1},
                         yaxis={"title": unit_label}, **_LAYOUT)
    return figure


def series_table(*, points: list[tuple[int, Decimal]],
                 targets: list[tuple[int, Decimal, str]]) -> list[tuple[int, Decimal | None, str]]:
    """What series_chart draws, as rows a screen reader reads: (year, value, target as
    worded), one per year that has either, oldest first."""
    values = dict(points)
    worded = {year: label for year, _, label in targets}
    return [(year, values.get(year), worded.get(year, ""))
            for year in sorted(values.keys() | worded.keys())]


def units_chart(*, rows: list[tuple[str, Decimal | None, str]], target: Decimal | None,
                target_label: str, unit_label: str, title: str) -> go.Figure:
    """Units below compared, sorted, coloured by status, with the target as a line."""
    shown = sorted((r for r in rows if r[1] is not None), key=lambda r: r[1])
    figure = go.Figure(go.Bar(
        x=[_f(v) for _, v, _ in shown], y=[name for name, _, _ in shown], orientation="h",
        marker={"color": [STATUS_COLOURS.get(s, "#8c959f") for _, _, s in shown]},
        name=unit_label, hovertemplate="%{y}: %{x}<extra></extra>"))
    shapes, notes = [], []
    if target is not None:
        # The line and its label as layout entries: plotly's add_vline looks up subplots
        # and validates each part, several times the cost of the whole chart.
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": float(target),
                       "x1": float(target), "y0": 0, "y1": 1,
                       "line": {"color": "#cf222e", "dash": "dash", "width": 2}})
        notes.append({"text": target_label, "xref": "x", "yref": "paper", "x": float(target),
                      "y": 1, "yanchor": "bottom", "showarrow": False})
    figure.update_layout(title=title, xaxis={"title": unit_label}, shapes=shapes,
                         annotations=notes, height=max(300, 22 * len(shown) + 120), **_LAYOUT)
    return figure


def figure_data(figure: go.Figure) -> dict:
    """The figure as plain JSON data, for a page's data island: static/js/charts.js draws it
    (plotly's own HTML is an inline script, which the Content-Security-Policy refuses) with
    the one toolbar configuration of the portal."""
    return json.loads(pio.to_json(figure, validate=False))
