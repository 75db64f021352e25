"""Numbers follow the interface language (tests/agencies/test_language.py: the switch): on the
data-entry form and the dashboards, 1.234,5 in Vietnamese and 1,234.5 in English, and the form
reads back what it shows."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import AdminUnit
from childplan.models import Plan
from indicators.models import Measure
from progress.rollup import rollup_rebuild
from progress.services import snapshots_recompute
from tests.progress.factories import figure
from tests.reporting.conftest import entry_for, form_data

pytestmark = pytest.mark.django_db


def choose(client, language: str) -> None:
    client.post(reverse("language_switch"), {"language": language, "next": "/"})

def test_the_form_shows_and_reads_figures_in_the_chosen_notation(client_for, alice, report):
    from reporting.services import report_save

    report_save(report=report, by=alice, version=report.version,
                entry=entry_for(report, {"6": "1234.5"}))
    client = client_for(alice)
    measure = Measure.objects.get(code="6")
    box = f'name="m{measure.pk}_value" value="{{}}"'
    form_url = reverse("report_edit", args=[report.pk])

    assert box.format("1.234,5") in client.get(form_url).content.decode()
    choose(client, "en")
    html = client.get(form_url).content.decode()
    assert box.format("1,234.5") in html
    assert 'data-label="Target"' in html  # the page itself is English
    # The plan's targets are its own words, numbers included: as written, marked Vietnamese.
    assert '<span lang="vi">duy trì 1,9</span> (year 2030)' in html

    # An English page reads figures the English way: point for decimals, comma for thousands.
    response = client.post(form_url, form_data(report, {
        "6": {"value": "98.5"}, "5a": {"numerator": "9,612", "denominator": "10,000"}},
        action="save"))
    assert response.status_code == 302
    saved = {v.measure.code: v for v in report.values.select_related("measure")}
    assert saved["6"].value == Decimal("98.5")
    assert (saved["5a"].numerator, saved["5a"].denominator) == (9612, 10000)


def test_the_dashboard_shows_figures_in_the_chosen_notation(client_for, bob):
    plan = Plan.objects.get(key="national-2021")
    vinh_long = AdminUnit.objects.get(level="province", code="86", valid_to=None)
    measure = Measure.objects.get(code="6")
    figure(plan, 2023, vinh_long, measure, value=Decimal("1234.5"))
    rollup_rebuild()
    snapshots_recompute(plan=plan)
    client = client_for(bob)
    url = reverse("measure_progress", args=[plan.pk, measure.pk]) + f"?unit={vinh_long.pk}"

    table = re.compile(r'<table class="grid chart-data" id="series-table">.*?</table>', re.S)
    vietnamese = table.search(client.get(url).content.decode()).group(0)
    assert '<td class="num">1.234,5</td>' in vietnamese
    choose(client, "en")
    english = table.search(client.get(url).content.decode()).group(0)
    assert '<td class="num">1,234.5</td>' in english
    assert "Figures of the chart" in english
