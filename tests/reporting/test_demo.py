"""The demo: Trà Vinh has 2021–2025 approved and 2026 in every state; Triệu Sơn, a district
plan, its history until the 2025 reform; both held the mid-term review in June 2025."""

from __future__ import annotations

import pytest

from reporting.models import Progress, Report, Value

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_state_and_history_and_loads_once():
    from reporting.demo import load_reporting_demo

    first = load_reporting_demo()
    again = load_reporting_demo()
    assert again["approved_reports"] == 0 and again["opened_cycles"] == 0
    assert again["reports"] == first["reports"]
    for key, years in (("tra-vinh-2021", {2021, 2022, 2023, 2024, 2025}),
                       ("trieu-son-2021", {2021, 2022, 2023, 2024})):
        past = Report.objects.filter(cycle__plan__key=key, cycle__year__lt=2026)
        assert set(past.values_list("status", flat=True)) == {"approved"}
        assert set(past.filter(cycle__kind="annual").values_list(
            "cycle__year", flat=True)) == years
        # The mid-term review, before the reform: Triệu Sơn's only 2025 figures.
        assert set(past.exclude(cycle__kind="annual").values_list(
            "cycle__kind", "cycle__year")) == {("midterm", 2025)}
        current = Report.objects.filter(cycle__plan__key=key, cycle__year=2026)
        if key == "trieu-son-2021":
            # A district plan is history after 30/06/2025: no 2025 or 2026 cycle opens.
            assert not current.exists()
            continue
        # Every state, as far as the cycle has reports (Trà Vinh's has five since 03/2025).
        states = {r.progress for r in current}
        assert len(states) == min(len(current), len(Progress))
        assert {"returned", "submitted", "late", "approved"} <= states
    health = Report.objects.get(cycle__plan__key="tra-vinh-2021", cycle__year=2026,
                                agency__name="Sở Y tế")
    assert health.status == "returned" and "Chỉ tiêu 3a" in health.review_comment
    assert Value.objects.filter(report__cycle__year=2025, measure__code="3a").exists()


def test_the_demo_tells_2026_under_vinh_long_consolidated_by_its_health_department():
    from childplan.models import Plan
    from reporting.demo import load_reporting_demo

    load_reporting_demo()
    plan = Plan.objects.get(key="vinh-long-2026")
    assert plan.status == "active" and plan.unit.name == "Tỉnh Vĩnh Long"
    assert [p.key for p in plan.predecessors.all()] == ["tra-vinh-2021"]
    cycle = plan.cycles.get(year=2026)
    assert cycle.consolidating_agency.name == "Sở Y tế"
    assert cycle.consolidating_agency.unit_id == plan.unit_id
    states = {r.progress for r in cycle.reports.all()}
    assert {"returned", "submitted", "late", "approved"} <= states
