from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agencies.admin_search import FoldedSearchMixin
from agencies.models import (
    AccessLog,
    AccountEvent,
    AccountProfile,
    AdminUnit,
    Agency,
    Membership,
    UnitSuccession,
)


class SuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "old"
    autocomplete_fields = ["new"]
    extra = 0
    verbose_name = _("đơn vị kế thừa")
    verbose_name_plural = _("đơn vị kế thừa (sắp xếp 2025)")


@admin.register(AdminUnit)
class AdminUnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name"]
    folded_search_fields = ("name",)
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
    list_select_related = ["parent"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["old", "new", "effective_on"]
    search_fields = ["old__name", "new__name"]
    autocomplete_fields = ["old", "new"]
    list_select_related = ["old", "new"]


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "sector", "unit", "valid_to", "successor", "succession_on"]
    list_filter = ["sector"]
    search_fields = ["name", "unit__name"]
    folded_search_fields = ("name", "unit__name")
    autocomplete_fields = ["unit", "successor"]
    list_select_related = ["unit", "successor__unit"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency__unit"]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read only: rows are written by the portal and purged after a year, never edited."""

    list_display = ["at", "action", "username", "ip", "subject", "path"]
    list_filter = ["action", "at"]
    search_fields = ["username", "ip", "subject", "path"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountProfile)
class AccountProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "must_change_password", "created_by", "created_at"]
    list_filter = ["must_change_password"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user", "created_by"]
    list_select_related = ["user", "created_by"]


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """The trail of account changes: read only, written by agencies/services.py."""

    list_display = ["at", "account", "action", "agency", "role", "by"]
    list_filter = ["action", "role"]
    search_fields = ["account__username", "by__username"]
    list_select_related = ["account", "by", "agency__unit"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# django-axes' failed sign-in attempts: deleting a row lifts its lock before the cool-off ends.
admin.site.register(AccessAttempt, AccessAttemptAdmin)
