"""A plan across the 2025 reform, as its pages tell it: the plans it took over (Vĩnh Long's
2026–2030 plan: old Trà Vinh's), the plans that took it over, and whether it is history (a
district plan after 30/06/2025: read only, no cycle opens)."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from agencies.vietnamese import sort_key
from childplan.models import Plan


def lineage(plan: Plan) -> dict:
    """The template context of childplan/_lineage.html, both directions in one query."""
    links = (Plan.predecessors.through.objects
             .filter(Q(from_plan=plan) | Q(to_plan=plan))
             .select_related("from_plan__unit", "to_plan__unit"))
    predecessors, successors = [], []
    for link in links:
        if link.from_plan_id == plan.pk:
            predecessors.append(link.to_plan)
        else:
            successors.append(link.from_plan)
    predecessors.sort(key=lambda p: (sort_key(p.unit.name), p.pk))
    successors.sort(key=lambda p: (-(p.period_start or 0), p.pk))
    return {"predecessors": predecessors, "successors": successors,
            "is_history": plan.is_history_on(timezone.localdate())}
