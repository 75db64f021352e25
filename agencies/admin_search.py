"""The admin's search boxes, tone-insensitive: "tra vinh" finds "Tỉnh Trà Vinh".

Django's search (icontains) compares the marks as typed; the databases' own accent folding
differs (PostgreSQL's unaccent is an extension, SQLite has none). So the rows' searched
names are read once and matched in Python by agencies.vietnamese.matches: a few thousand
short names (every commune and its People's Committee) at most.
"""

from __future__ import annotations

from agencies.vietnamese import matches


class FoldedSearchMixin:
    """For a ModelAdmin: `folded_search_fields`, the text fields also searched without marks."""

    folded_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset,
                                                                  search_term)
        if not search_term.strip() or not self.folded_search_fields:
            return results, may_have_duplicates
        found = [row[0] for row in queryset.values_list("pk", *self.folded_search_fields)
                 if matches(search_term, *(str(cell) for cell in row[1:] if cell))]
        return results | queryset.filter(pk__in=found), may_have_duplicates
