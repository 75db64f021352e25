import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_nightly_command_recomputes_and_prepares_the_overviews(capsys):
    from django.core.cache import cache

    from childplan.models import Plan
    from progress import cache as dashboard
    from progress.models import Refresh

    call_command("recompute_progress")
    assert "dòng tổng hợp" in capsys.readouterr().out
    plan = Plan.objects.get(key="tra-vinh-2021")
    refresh = Refresh.objects.get(plan=plan)
    assert refresh.computed_at is not None
    key = dashboard.versioned(dashboard.overview_key(plan.pk, plan.unit_id), refresh)
    assert cache.get(key) is not None
