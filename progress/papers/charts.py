"""The report's charts: Vega-Lite specifications (pure dicts) drawn to PNG by vl-convert.

vl-convert-python is one self-contained wheel (the Vega renderer compiled in, no browser,
no system library, no numpy stack), kept by the Vega team; a chart is a plain dict that a
test can read. Plotly's images would need kaleido driving a Chromium in the worker, and
matplotlib brings its own stack; both are heavier than a few static charts warrant.

One chart a goal: a small panel per measure, its figures year by year (line and points)
and the plan's targets drawn as triangles, on Vietnamese number formats (1.234,5).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

VIETNAMESE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đ"]}
FONT = "Liberation Serif"  # Times New Roman's metric twin, present wherever LibreOffice is
COLUMNS = 3


@dataclass(frozen=True)
class Panel:
    title: str  # "3a. Tỷ suất tử vong trẻ sơ sinh"
    unit: str
    values: list[tuple[int, Decimal]]
    targets: list[tuple[int, Decimal]]


def goal_chart(title: str, panels: list[Panel]) -> dict:
    """Small multiples, one panel a measure; each panel keeps its own scale."""
    rows = [{"panel": p.title, "year": str(y), "value": float(v), "kind": "Số liệu"}
            for p in panels for y, v in p.values]
    rows += [{"panel": p.title, "year": str(y), "value": float(v), "kind": "Mục tiêu"}
             for p in panels for y, v in p.targets]
    x = {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}}
    y = {"field": "value", "type": "quantitative", "title": None,
         "scale": {"zero": False}, "axis": {"format": ",~f"}}
    color = {"field": "kind", "type": "nominal", "title": None,
             "scale": {"domain": ["Số liệu", "Mục tiêu"], "range": ["#1f4e79", "#c00000"]}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "fontSize": 14},
        "data": {"values": rows},
        "facet": {"field": "panel", "type": "nominal", "title": None,
                  "sort": [p.title for p in panels],
                  "header": {"labelLimit": 200, "labelFontSize": 11}},
        "columns": COLUMNS,
        "resolve": {"scale": {"y": "independent", "x": "independent"}},
        "spec": {"width": 150, "height": 90, "layer": [
            {"transform": [{"filter": "datum.kind === 'Số liệu'"}],
             "mark": {"type": "line", "point": True},
             "encoding": {"x": x, "y": y, "color": color}},
            {"transform": [{"filter": "datum.kind === 'Mục tiêu'"}],
             "mark": {"type": "point", "shape": "triangle-up", "filled": True, "size": 70},
             "encoding": {"x": x, "y": y, "color": color}},
        ]},
        "config": {"font": FONT, "legend": {"orient": "bottom"}},
    }


def to_png(spec: dict, *, scale: float = 2.0) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale, format_locale=VIETNAMESE)
