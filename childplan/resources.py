"""Plans and their targets in and out of the admin as spreadsheets (django-import-export).

A plan is matched by its key; a target by its plan, measure code, year and
area. Units are written as their official codes, agencies by id (their names
repeat from one unit to the next). Every imported row goes through the
model's clean(), so a target outside the plan's period or a band upside down
is refused with the same message as in the admin form.
"""

from __future__ import annotations

from django.db.models import F
from import_export import fields
from import_export.widgets import ForeignKeyWidget

from agencies.models import AdminUnit, Agency
from childplan.models import Plan, Target
from indicators.models import Measure
from indicators.resources import CatalogueResource, PlanKeyWidget


class UnitCodeWidget(ForeignKeyWidget):
    """A unit by its official code; today's unit before a retired one of the same code."""

    def __init__(self):
        super().__init__(AdminUnit, "code")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        unit = (AdminUnit.objects.filter(code=str(value).strip())
                .order_by(F("valid_to").desc(nulls_first=True)).first())
        if unit is None:
            raise ValueError(f"Không có đơn vị hành chính mã «{value}».")
        return unit


class MeasureCodeWidget(ForeignKeyWidget):
    """A measure by its code as the row's plan means it: the plan's own before the national."""

    def __init__(self):
        super().__init__(Measure, "code")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        plan = Plan.objects.filter(key=(row or {}).get("plan") or "").first()
        return Measure.objects.get_by_code(str(value).strip(), plan)


class PlanResource(CatalogueResource):
    unit = fields.Field(attribute="unit", column_name="unit", widget=UnitCodeWidget())
    parent = fields.Field(attribute="parent", column_name="parent", widget=PlanKeyWidget())
    consolidating_agency = fields.Field(attribute="consolidating_agency",
                                        column_name="consolidating_agency",
                                        widget=ForeignKeyWidget(Agency))

    class Meta:
        model = Plan
        fields = ("key", "kind", "number", "issued_on", "issued_note", "issuer", "title",
                  "unit", "level", "period_start", "period_end", "parent",
                  "consolidating_agency", "deadline_day", "deadline_month", "status")
        import_id_fields = ("key",)
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "parent")


class TargetResource(CatalogueResource):
    plan = fields.Field(attribute="plan", column_name="plan", widget=PlanKeyWidget())
    measure = fields.Field(attribute="measure", column_name="measure",
                           widget=MeasureCodeWidget())

    class Meta:
        model = Target
        fields = ("plan", "measure", "year", "area", "comparator", "value", "value_high",
                  "baseline", "baseline_year", "wording", "text", "position")
        import_id_fields = ("plan", "measure", "year", "area")
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True

    def get_queryset(self):
        return super().get_queryset().select_related("plan", "measure")
