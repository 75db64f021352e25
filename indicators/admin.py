from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from agencies.admin_search import FoldedSearchMixin
from indicators.models import Goal, Indicator, Measure
from indicators.resources import GoalResource, IndicatorResource, MeasureResource


@admin.register(Goal)
class GoalAdmin(ImportExportModelAdmin):
    resource_classes = [GoalResource]
    list_display = ["number", "name"]


class MeasureInline(admin.TabularInline):
    model = Measure
    fields = ["code", "name", "unit_kind", "direction", "aggregation"]
    readonly_fields = ["aggregation"]  # follows from the unit kind
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(FoldedSearchMixin, ImportExportModelAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["number", "name", "goal"]
    list_filter = ["goal"]
    search_fields = ["name"]
    folded_search_fields = ("name",)
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(FoldedSearchMixin, ImportExportModelAdmin):
    resource_classes = [MeasureResource]
    list_display = ["code", "name", "unit_label", "direction", "aggregation", "source_kind",
                    "lowest_level", "plan"]
    list_filter = ["unit_kind", "direction", "aggregation", "source_kind", "lowest_level",
                   "periodicity", ("plan", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name"]
    folded_search_fields = ("name",)
    autocomplete_fields = ["indicator", "plan"]
    list_select_related = ["plan__unit"]
