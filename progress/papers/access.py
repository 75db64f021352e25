"""Who may write and download the annual report: the office that consolidates the plan."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from progress.models import PaperBuild
from reporting.access import access_cycle, can_consolidate_cycle
from reporting.models import ReportingCycle

REFUSED = gettext_lazy("Chỉ cán bộ tổng hợp của cơ quan tổng hợp kế hoạch được lập báo cáo "
                       "năm.")


def access_cycle_for_report(user, cycle_id: int) -> ReportingCycle:
    """The cycle whose report the user may write: 404 beyond what they read, 403 for a
    reader who is not the consolidating office (a leader, a reporting agency)."""
    cycle = access_cycle(user, cycle_id)
    if not can_consolidate_cycle(user, cycle):
        raise PermissionDenied(str(REFUSED))
    return cycle


def access_build(user, build_id: int) -> PaperBuild:
    """A build the user asked for; anyone else's is 404, as if it did not exist."""
    return get_object_or_404(PaperBuild.objects.for_user(user), pk=build_id)
