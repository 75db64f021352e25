"""The catalogue in and out of the admin as spreadsheets (django-import-export).

Rows are matched on the catalogue's own keys, never on database ids, so a file
exported from one installation imports into another: a goal by its number, an
indicator by its number, a measure by its plan's key (empty for the national
catalogue) and its code.
"""

from __future__ import annotations

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from indicators.models import Goal, Indicator, Measure


class PlanKeyWidget(ForeignKeyWidget):
    """A plan by its key; an empty cell is the national catalogue."""

    def __init__(self):
        # The plan model is reached through the measure's own relation: the catalogue comes
        # before the plans and does not import them.
        super().__init__(Measure._meta.get_field("plan").related_model, "key")


class CatalogueResource(resources.ModelResource):
    """All or nothing: a file with one bad row, or one row a model's clean() refuses, saves
    nothing (django-import-export keeps the good rows of a file by default)."""

    def import_data(self, *args, rollback_on_validation_errors=True, **kwargs):
        return super().import_data(
            *args, rollback_on_validation_errors=rollback_on_validation_errors, **kwargs)


class GoalResource(CatalogueResource):
    class Meta:
        model = Goal
        fields = ("number", "name")
        import_id_fields = ("number",)
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True


class IndicatorResource(CatalogueResource):
    goal = fields.Field(attribute="goal", column_name="goal",
                        widget=ForeignKeyWidget(Goal, "number"))

    class Meta:
        model = Indicator
        fields = ("number", "goal", "name")
        import_id_fields = ("number",)
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True


class MeasureResource(CatalogueResource):
    plan = fields.Field(attribute="plan", column_name="plan", widget=PlanKeyWidget())
    indicator = fields.Field(attribute="indicator", column_name="indicator",
                             widget=ForeignKeyWidget(Indicator, "number"))
    # Exported for the reader; on import it follows from the unit kind.
    aggregation = fields.Field(attribute="aggregation", column_name="aggregation",
                               readonly=True)

    class Meta:
        model = Measure
        fields = ("plan", "code", "indicator", "name", "unit_kind", "unit_label",
                  "numerator_label", "denominator_label", "direction", "aggregation",
                  "position", "definition", "disaggregation", "periodicity", "source_kind",
                  "source_detail", "collected_by", "lowest_level")
        import_id_fields = ("plan", "code")
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True

    def get_queryset(self):
        return super().get_queryset().select_related("plan", "indicator")
