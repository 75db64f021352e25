"""The province's chart: every commune's total against its threshold. A pure function of
plain numbers; the page draws it from a JSON data island (static/js/charts.js)."""

from __future__ import annotations

import json
from decimal import Decimal

import plotly.graph_objects as go
import plotly.io as pio
from django.utils.translation import gettext, gettext_lazy

COLOURS = {"recognised": "#1a7f37", "passes": "#4ac26b", "short": "#d4a72c", "zero": "#cf222e"}
LEGEND = {"recognised": gettext_lazy("Đã công nhận"),
          "passes": gettext_lazy("Đủ điểm, chưa công nhận"),
          "short": gettext_lazy("Chưa đủ điểm"), "zero": gettext_lazy("Có tiêu chí 0 điểm")}


def scores_chart(rows: list[tuple[str, Decimal, Decimal, str]], *, title: str) -> dict:
    """rows: (commune, total, threshold, state) where state is a key of COLOURS."""
    shown = sorted(rows, key=lambda r: (r[1], r[0]))
    figure = go.Figure()
    for state, label in LEGEND.items():
        part = [r for r in shown if r[3] == state]
        if part:
            figure.add_trace(go.Bar(
                x=[float(r[1]) for r in part], y=[r[0] for r in part], orientation="h",
                name=str(label), marker={"color": COLOURS[state]},
                hovertemplate=gettext("%{y}: %{x} điểm<extra></extra>")))
    figure.add_trace(go.Scatter(
        x=[float(r[2]) for r in shown], y=[r[0] for r in shown], mode="markers",
        name=gettext("Ngưỡng công nhận"), marker={"symbol": "line-ns-open", "size": 16,
                                                  "color": "#24292f", "line": {"width": 2}},
        hovertemplate=gettext("Ngưỡng: %{x}<extra></extra>")))
    figure.update_layout(
        title=title, barmode="overlay", xaxis={"title": gettext("Tổng điểm"), "range": [0, 100]},
        yaxis={"categoryorder": "array", "categoryarray": [r[0] for r in shown]},
        height=max(300, 24 * len(shown) + 140), separators=",.",
        margin={"l": 140, "r": 20, "t": 40, "b": 40}, legend={"orientation": "h", "y": -0.2})
    return json.loads(pio.to_json(figure, validate=False))
