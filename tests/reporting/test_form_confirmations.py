"""A warning shows a figure as the table does, and a confirmation stays with its value."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.models import Value
from tests.reporting.conftest import form_data

pytestmark = pytest.mark.django_db


def _value(report, code) -> Value:
    return report.values.get(measure__code=code)


def _confirm_for(report, code: str, text: str, **boxes) -> dict:
    measure = report.measures().get(code=code)
    data = form_data(report, {code: {"confirm": True, "note": "Có ổ dịch", **boxes}})
    data[f"m{measure.pk}_confirm_for"] = text
    return data


def test_a_warning_rounds_the_figure_as_the_columns_do(client_for, alice, report,
                                                       approved_history):
    client = client_for(alice)
    client.post(reverse("report_edit", args=[report.pk]),
                form_data(report, {"6": {"value": "4,7462"}}))
    page = client.get(reverse("report_edit", args=[report.pk])).content.decode()
    assert "Chỉ tiêu 6: 4,75 khác xa số liệu các năm trước (năm 2025: 1,7;" in page
    warnings = page[page.index('id="form-warnings"'):]
    assert "4,7462" not in warnings[:warnings.index("</div>")]
    assert "Tôi xác nhận số liệu 4,75 là đúng" in page


def test_a_tick_given_for_one_value_does_not_confirm_another(client_for, alice, report,
                                                            approved_history):
    client = client_for(alice)
    edit = reverse("report_edit", args=[report.pk])
    client.post(edit, _confirm_for(report, "6", "9.5", value="9,5"))
    assert _value(report, "6").confirmed is True

    # The figure changed to 9,8 while the box ticked for 9,5 was still ticked.
    client.post(edit, _confirm_for(report, "6", "9.5000", value="9,8"))
    assert _value(report, "6").value == Decimal("9.8")
    assert _value(report, "6").confirmed is False
    page = client.get(edit).content.decode()
    assert "Tôi xác nhận số liệu 9,8 là đúng" in page
    assert "Chỉ tiêu 6: 9,8 khác xa" in page

    client.post(edit, _confirm_for(report, "6", "9.8000", value="9,8"))
    assert _value(report, "6").confirmed is True


def test_the_page_sends_back_the_value_its_box_was_shown_for(client_for, alice, report,
                                                            approved_history):
    client = client_for(alice)
    measure = report.measures().get(code="6")
    client.post(reverse("report_edit", args=[report.pk]),
                form_data(report, {"6": {"value": "9,5"}}))
    page = client.get(reverse("report_edit", args=[report.pk])).content.decode()
    shown = re.search(rf'name="m{measure.pk}_confirm_for" value="([^"]*)"', page)
    assert shown and float(shown.group(1)) == 9.5
