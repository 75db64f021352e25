from django.contrib import admin

from exchange.models import ApiToken, MeasureCode


@admin.register(MeasureCode)
class MeasureCodeAdmin(admin.ModelAdmin):
    list_display = ["measure", "data_element", "numerator_element", "denominator_element"]
    search_fields = ["measure__code", "measure__name", "data_element"]
    autocomplete_fields = ["measure"]
    list_select_related = ["measure"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made and revoked by their owners; the admin sees them, never their secret."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "prefix", "digest", "created_at", "last_used_at"]
    fields = readonly_fields + ["revoked_at"]

    def has_add_permission(self, request):
        return False
