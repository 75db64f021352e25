"""The demo's Vĩnh Long 2026: communes assessed in every state on the decision's scale,
chỉ tiêu 1 computed from them."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def forty_communes(tra_vinh_plan):
    """Forty communes of today in old Trà Vinh's territory (the seed of the tests has none)."""
    from agencies.models import AdminUnit

    return [AdminUnit.objects.create(code=f"T7{n:03}", name=f"Xã Mẫu {n:02}", level="commune",
                                     parent=tra_vinh_plan.unit,
                                     valid_from=datetime.date(2025, 7, 1))
            for n in range(40)]


def test_the_demo_assesses_communes_in_every_state(forty_communes):
    from assessments.demo import load_assessment_demo, load_standards
    from assessments.models import Assessment, CommuneKind, Status

    load_standards()
    summary = load_assessment_demo()
    found = list(Assessment.objects.filter(year=2026))
    assert summary["communes"] == 40 and summary["new"] == len(found)
    assert set(Counter(a.status for a in found)) == {s.value for s in Status}
    recognised = [a for a in found if a.status == Status.RECOGNISED]
    assert summary["recognised"] == len(recognised)
    assert all(a.passes and a.decision_number and a.total >= a.threshold for a in recognised)
    # A province's wards take the 850-point threshold: none is of the centrally-run kind.
    assert not CommuneKind.objects.filter(kind="urban").exists()
    assert {a.threshold for a in found} == {800, 850}
    short = [a for a in found if a.status == Status.SUBMITTED and not a.passes]
    assert short and all(a.total < a.threshold for a in short)
    assert load_assessment_demo()["new"] == 0  # loads once
