from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import Assessment, AssessmentEvent, CommuneKind, Criterion, Item, Standard


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "effective_from", "effective_to", "verified"]
    inlines = [CriterionInline]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "direction"]
    list_filter = ["criterion__standard"]


@admin.register(CommuneKind)
class CommuneKindAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "kind", "legal_basis"]
    raw_id_fields = ["unit"]


class EventInline(admin.TabularInline):
    model = AssessmentEvent
    extra = 0
    readonly_fields = ["action", "by", "at", "comment"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "status", "total", "passes"]
    list_filter = ["year", "status"]
    raw_id_fields = ["unit"]
    readonly_fields = ["total", "threshold", "passes", "zero_criteria"]
    inlines = [EventInline]
