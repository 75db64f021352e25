"""Reporting fixtures: the 2026 cycle of the Trà Vinh plan, opened by the service."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.conftest import current_office, make_user


@pytest.fixture
def cycle(tra_vinh_plan):
    from reporting.services import cycle_open

    return cycle_open(plan=tra_vinh_plan, year=2026, opens_on=datetime.date(2026, 10, 1))


@pytest.fixture
def report(cycle):
    """The report of Sở Y tế Trà Vinh, the agency alice reports for."""
    return cycle.reports.get(agency__name="Sở Y tế")


@pytest.fixture
def other_report(cycle):
    """The report of Sở Giáo dục và Đào tạo Trà Vinh (dung's agency)."""
    return cycle.reports.get(agency__name="Sở Giáo dục và Đào tạo")


@pytest.fixture
def tra_vinh_reviewer_with_mail(tra_vinh_plan):
    return make_user("binh", agency=current_office(tra_vinh_plan), role="reviewer",
                     email="binh@example.vn")


def form_data(report, figures: dict | None = None, **extra) -> dict:
    """What the data-entry form posts: every box empty but the ones given.

    `figures` maps a measure code to its boxes, e.g. {"3a": {"numerator": "19",
    "denominator": "10.000"}, "6": {"value": "1,9", "note": "..."}}.
    """
    report.refresh_from_db()
    data = {"version": str(report.version), "results": "", "difficulties": "",
            "proposals": "", "budget_spent": ""}
    by_code = {m.code: m for m in report.measures()}
    for measure in by_code.values():
        for box in ("numerator", "denominator", "value", "note", "source"):
            data[f"m{measure.pk}_{box}"] = ""
    for code, boxes in (figures or {}).items():
        for box, text in boxes.items():
            if box == "confirm":
                if text:
                    data[f"m{by_code[code].pk}_confirm"] = "on"
                continue
            data[f"m{by_code[code].pk}_{box}"] = text
    data.update(extra)
    return data


HEALTH_FIGURES = {
    "3a": {"numerator": "19", "denominator": "10.000", "source": "Sở Y tế, hệ thống A1"},
    "3b": {"numerator": "101", "denominator": "10.000"},
    "3c": {"numerator": "152", "denominator": "10.000"},
    "4a": {"value": "7,9", "note": "Theo điều tra dinh dưỡng"},
    "5a": {"numerator": "9.612", "denominator": "10.000"},
    "6": {"value": "1,9"},
}


def approve_figures(plan, agency_name: str, year: int, figures: dict[str, str], *, by=None):
    """An earlier year's cycle with the agency's figures approved (values typed alone)."""
    from reporting.figures import Figure
    from reporting.services import (
        Entry,
        FigureEntry,
        cycle_open,
        report_approve,
        report_save,
        report_submit,
    )

    past = cycle_open(plan=plan, year=year, opens_on=datetime.date(year, 10, 1))
    report = past.reports.get(agency__name=agency_name)
    by_code = {m.code: m for m in report.measures()}
    entry = Entry(figures={by_code[code].pk: FigureEntry(Figure(value=Decimal(text)))
                           for code, text in figures.items()})
    moment = datetime.datetime(year, 11, 15, 3, 0, tzinfo=datetime.UTC)
    report = report_save(report=report, by=by, version=report.version, entry=entry, now=moment)
    report = report_submit(report=report, by=by, version=report.version, now=moment)
    return report_approve(report=report, by=by, now=moment)


@pytest.fixture
def approved_history(tra_vinh_plan):
    """Sở Y tế's approved measure 6 (HIV from mother to child): 1,5 → 1,6 → 1,7 %."""
    for year, text in ((2023, "1.5"), (2024, "1.6"), (2025, "1.7")):
        approve_figures(tra_vinh_plan, "Sở Y tế", year, {"6": text})


def entry_for(report, values: dict[str, str]):
    """A service-level Entry: measure code → value typed alone."""
    from reporting.figures import Figure
    from reporting.services import Entry, FigureEntry

    by_code = {m.code: m for m in report.measures()}
    return Entry(figures={by_code[code].pk: FigureEntry(Figure(value=Decimal(text)))
                          for code, text in values.items()})


# Communes of today for the 2026 cycles, without loading all 3,321:
# - three communes of today's Vĩnh Long that took over communes of old Trà Vinh,
# - one of today's Vĩnh Long from old Vĩnh Long only (outside the Trà Vinh plan's area),
# - one ward of Hà Nội.
@pytest.fixture
def tra_vinh_communes(tra_vinh_plan):
    from agencies.models import REFORM_2025, AdminUnit, UnitLevel, UnitSuccession
    from agencies.unit_loading import current_province

    vinh_long = current_province("86")
    retired = REFORM_2025 - datetime.timedelta(days=1)

    def commune(code, name, parent, **dates):
        return AdminUnit.objects.create(level=UnitLevel.COMMUNE, code=code, name=name,
                                        parent=parent, **dates)

    found = {}
    for n, name in enumerate(("Phường Trà Vinh", "Xã Càng Long", "Xã Cầu Kè"), start=1):
        old = commune(f"8{n}001", f"{name} (cũ)", tra_vinh_plan.unit, valid_to=retired)
        found[name] = commune(f"9{n}001", name, vinh_long, valid_from=REFORM_2025)
        UnitSuccession.objects.create(old=old, new=found[name])
    found["Xã Long Hồ"] = commune("94001", "Xã Long Hồ", vinh_long, valid_from=REFORM_2025)
    found["Phường Ba Đình"] = commune("95001", "Phường Ba Đình", current_province("01"),
                                      valid_from=REFORM_2025)
    return found


def commune_reporter(username: str, commune):
    """A reporter of the commune's People's Committee."""
    from agencies.services import commune_agency

    return make_user(username, agency=commune_agency(commune), role="reporter",
                     email=f"{username}@example.vn")
