"""Vĩnh Long's 2026–2030 plan created as the successor of old Trà Vinh's: a draft holding its
2026–2030 targets and assignments, given to today's Vĩnh Long agencies doing the work."""

from __future__ import annotations

import datetime

import pytest

from agencies.models import Agency
from agencies.unit_loading import current_province
from childplan.models import PlanStatus
from childplan.services import plan_create_successor

pytestmark = pytest.mark.django_db


@pytest.fixture
def successor(tra_vinh_plan):
    return plan_create_successor(
        predecessors=[tra_vinh_plan], key="vinh-long-2026", title="Kế hoạch 2026–2030",
        issuer="UBND tỉnh Vĩnh Long", unit=current_province("86"), period_start=2026,
        period_end=2030, on=datetime.date(2026, 1, 1))


def test_the_successor_is_a_draft_of_today_s_province_consolidated_by_its_health_department(
        successor, tra_vinh_plan):
    assert successor.status == PlanStatus.DRAFT
    assert successor.unit.name == "Tỉnh Vĩnh Long" and successor.unit.valid_to is None
    assert successor.consolidating_agency == Agency.objects.get(unit=successor.unit,
                                                                name="Sở Y tế")
    assert list(successor.predecessors.all()) == [tra_vinh_plan]
    assert list(tra_vinh_plan.successors.all()) == [successor]


def test_it_copies_the_targets_of_its_period_only(successor, tra_vinh_plan):
    copied = {(t.measure.code, t.year, t.area): t.display for t in successor.targets.all()}
    wanted = {(t.measure.code, t.year, t.area): t.display
              for t in tra_vinh_plan.targets.filter(year__gte=2026)}
    assert copied == wanted and copied
    assert not successor.targets.filter(year__lt=2026).exists()
    # The old plan keeps all its own.
    assert tra_vinh_plan.targets.filter(year=2025).exists()


def test_its_assignments_go_to_the_province_s_agencies_doing_the_work(successor, tra_vinh_plan):
    leads = {(a.indicator.number, a.agency.name) for a in successor.assignments.all()}
    assert all(a.agency.unit_id == successor.unit_id for a in successor.assignments.all())
    labour = {a.indicator.number for a in tra_vinh_plan.assignments.filter(
        agency__name="Sở Lao động - Thương binh và Xã hội")}
    assert labour and {(n, "Sở Y tế") for n in labour} <= leads
    assert not {name for _, name in leads} & {"Sở Lao động - Thương binh và Xã hội"}
