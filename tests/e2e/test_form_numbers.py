"""The form's preview reads figures by the server's rules (the shared table of cases), and a
confirmation box unticks when the figure it confirmed changes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.e2e.test_accessibility import DESKTOP, signed_in

CASES = json.loads((Path(__file__).parents[1] / "shared" / "number_cases.json")
                   .read_text(encoding="utf-8"))["cases"]


def test_the_page_reads_every_shared_case_as_the_server_does(portal, browser, live_server):
    page = signed_in(browser, live_server, "alice", DESKTOP)
    page.goto(f"{live_server.url}/bao-cao/{portal['report'].pk}/nhap/")
    read = page.evaluate("cases => cases.map(c => window.ChildPlanNumbers.parse(c.text, c.kind))",
                         CASES)
    wrong = [(case["text"], case["kind"], case["value"], got)
             for case, got in zip(CASES, read, strict=True)
             if (got is None) != (case["value"] is None)
             or (got is not None and Decimal(got) != Decimal(case["value"]))]
    assert wrong == []


def test_the_preview_refuses_what_the_server_refuses_and_rounds_alike(portal, browser,
                                                                      live_server):
    page = signed_in(browser, live_server, "alice", DESKTOP)
    page.goto(f"{live_server.url}/bao-cao/{portal['report'].pk}/nhap/")
    row = page.locator("tr[data-measure='3a']")
    row.locator("[name$='_numerator']").fill("39")
    row.locator("[name$='_denominator']").fill("15,000")  # a count with a decimal comma
    assert row.locator("output.computed").inner_text() == "chưa tính được (xem lại tử số, mẫu số)"
    row.locator("[name$='_denominator']").fill("15.000")
    assert row.locator("output.computed").inner_text() == "2,6"
    row.locator("[name$='_numerator']").fill("71.193")
    row.locator("[name$='_denominator']").fill("1.500.000")
    assert row.locator("output.computed").inner_text() == "47,46"  # 47,462 ‰, as the server


def test_changing_a_confirmed_figure_unticks_its_box(portal, browser, live_server):
    from indicators.models import Measure
    from reporting.models import Value

    report = portal["report"]
    Value.objects.create(report=report, measure=Measure.objects.get(code="6"),
                         value=Decimal("4.75"), aggregable=False,
                         confirmed_value=Decimal("4.75"), note="Có ổ dịch")
    page = signed_in(browser, live_server, "alice", DESKTOP)
    page.goto(f"{live_server.url}/bao-cao/{report.pk}/nhap/")
    row = page.locator("tr[data-measure='6']")
    tick = row.get_by_label("Tôi xác nhận số liệu 4,75 là đúng")
    assert tick.is_checked()
    row.locator("[name$='_value']").fill("4,82")
    assert not tick.is_checked()
