from django.contrib import admin

from indicators.models import Goal, Indicator, Measure


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


class MeasureInline(admin.TabularInline):
    model = Measure
    fields = ["code", "name", "unit_kind", "direction", "aggregation"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "goal"]
    list_filter = ["goal"]
    search_fields = ["name"]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_label", "direction", "aggregation", "plan"]
    list_filter = ["unit_kind", "direction", "aggregation", ("plan", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name"]
    autocomplete_fields = ["indicator", "plan"]
    list_select_related = ["plan__unit"]
