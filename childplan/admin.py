from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from agencies.admin_search import FoldedSearchMixin
from childplan.models import Assignment, Plan, Target
from childplan.resources import PlanResource, TargetResource


class TargetInline(admin.TabularInline):
    model = Target
    fields = ["measure", "year", "area", "comparator", "value", "value_high", "wording",
              "position"]
    autocomplete_fields = ["measure"]
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fields = ["indicator", "agency", "role"]
    autocomplete_fields = ["agency"]
    extra = 0


@admin.register(Plan)
class PlanAdmin(FoldedSearchMixin, ImportExportModelAdmin):
    resource_classes = [PlanResource]
    list_display = ["__str__", "issuer", "issued_on", "level", "period_start", "period_end",
                    "status"]
    list_filter = ["level", "status"]
    search_fields = ["number", "title", "issuer", "unit__name"]
    folded_search_fields = ("number", "title", "issuer", "unit__name")
    autocomplete_fields = ["unit", "parent", "consolidating_agency"]
    inlines = [TargetInline, AssignmentInline]
    list_select_related = ["unit"]


@admin.register(Target)
class TargetAdmin(ImportExportModelAdmin):
    resource_classes = [TargetResource]
    list_display = ["plan", "measure", "year", "area", "comparator", "value", "value_high"]
    list_filter = ["year", "comparator", "area"]
    search_fields = ["plan__number", "measure__code", "text"]
    autocomplete_fields = ["plan", "measure"]
    list_select_related = ["plan__unit", "measure"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["plan", "indicator", "agency", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["plan", "agency"]
    list_select_related = ["plan__unit", "indicator", "agency__unit"]
