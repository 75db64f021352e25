"""Charts reach the page as JSON data drawn by one static script (no inline script for the
Content-Security-Policy to refuse); status colours come from a stylesheet, not style="".
The browser side (drawn, toolbar in Vietnamese, no cloud button) is tests/e2e/test_csp.py."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from progress.charts import STATUS_COLOURS
from tests.progress.test_dashboard_pages import national_data  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)


def islands(html: str) -> dict[str, dict]:
    found = re.findall(r'<script id="([\w-]+)" type="application/json">(.*?)</script>', html,
                       re.S)
    return {name: json.loads(text) for name, text in found}


def test_the_measure_page_sends_its_charts_as_data(client_for, bob, national_data):  # noqa: F811
    plan, vinh_long = national_data["plan"], national_data["vinh_long"]
    url = reverse("measure_progress", args=[plan.pk, national_data["vaccination"].pk])
    html = client_for(bob).get(url, {"unit": vinh_long.pk}).content.decode()

    charts = islands(html)
    assert set(charts) == {"series-chart-data", "units-chart-data"}
    series = charts["series-chart-data"]
    assert [t["name"] for t in series["data"]][:2] == ["Thực hiện", "Mục tiêu 2025"]
    assert series["data"][0]["y"] == [85.0, 86.5, 86.5]  # (90 + 80) / 200 in 2021…
    assert charts["units-chart-data"]["data"][0]["y"] == ["Xã Hòa Ninh", "Xã An Bình"]
    assert 'data-figure="series-chart-data"' in html
    for script in ("plotly/plotly.min.js", "js/plotly-locale-vi.js", "js/charts.js"):
        assert f'src="/static/{script}"' in html
    assert not INLINE_SCRIPT.search(html)
    assert "style=" not in html


def test_every_status_has_its_chart_colour_in_the_stylesheet():
    css = (settings.BASE_DIR / "static/css/childplan.css").read_text()
    in_css = dict(re.findall(r"\.progress-(\w+) \{ background: (#[0-9a-f]{6}); \}", css))
    assert in_css == STATUS_COLOURS


def test_no_template_holds_an_inline_script_or_style():
    offending = []
    for template in Path(settings.BASE_DIR / "templates").rglob("*.html"):
        text = template.read_text()
        if INLINE_SCRIPT.search(text) or "style=" in text or "<style" in text:
            offending.append(str(template))
    assert offending == []


def test_the_policy_allows_the_stylesheets_the_installed_plotly_js_writes():
    """plotly.js adds <style> elements the policy must allow by hash; a new plotly version
    with other styles would have its charts' page report violations."""
    import base64
    import hashlib

    bundle = (Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js")
    styles = [""] + re.findall(r"createElement\(\"style\"\);[^;]*?textContent='([^']*)'",
                               bundle.read_text())
    hashes = ["'sha256-{}='".format(base64.b64encode(hashlib.sha256(css.encode()).digest())
                                    .decode().rstrip("=")) for css in styles]
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert len(hashes) == 2 and set(hashes) <= set(allowed)
