from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reporting.models import Report, ReportEvent, ReportingCycle, ValidationRule, Value
from reporting.services import cycle_open


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "opens_on", "deadline", "commune_deadline", "locked"]
    list_filter = ["kind", "locked", "year"]
    autocomplete_fields = ["plan"]
    readonly_fields = ["locked_at", "locked_by"]

    def get_readonly_fields(self, request, obj=None):
        # An open cycle's deadlines change on its page (reporting.cycle_deadlines), which keeps
        # who changed them and re-flags the late reports.
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "deadline", "commune_deadline"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new cycle is opened by the service, which also creates its reports.
        opened = cycle_open(plan=obj.plan, year=obj.year, kind=obj.kind, opens_on=obj.opens_on,
                            deadline=obj.deadline, commune_deadline=obj.commune_deadline,
                            locked=obj.locked)
        obj.pk = opened.pk


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    fields = ["at", "action", "by", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "late", "submitted_at"]
    list_filter = ["status", "late", "cycle__year"]
    search_fields = ["agency__name", "unit__name"]
    readonly_fields = ["status", "version", "late", "started_at", "updated_at", "updated_by",
                       "first_submitted_at", "submitted_at", "submitted_by", "reviewed_at",
                       "reviewed_by"]
    inlines = [ReportEventInline]
    list_select_related = ["cycle__plan__unit", "agency", "unit"]


@admin.register(Value)
class ValueAdmin(SimpleHistoryAdmin):
    list_display = ["report", "measure", "numerator", "denominator", "value", "aggregable"]
    readonly_fields = ["report", "measure"]
    list_select_related = ["report__cycle__plan__unit", "report__agency", "report__unit",
                           "measure"]


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "severity", "message", "active"]
    list_filter = ["severity", "active"]
    search_fields = ["left", "right", "message"]
