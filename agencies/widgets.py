"""Form boxes whose choices carry names as written (units, agencies, plans)."""

from __future__ import annotations

from django import forms


class NameGroupedSelect(forms.Select):
    """A drop-down whose choices are grouped under a name of the database (a unit, a plan):
    each group's heading is marked Vietnamese in any interface language, while the choices
    themselves are words of the interface ("Báo cáo năm 2026") and read in its language."""

    template_name = "agencies/widgets/name_grouped_select.html"
