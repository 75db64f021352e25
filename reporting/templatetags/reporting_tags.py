from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from agencies.access import reporting_roles
from agencies.services import display_name
from indicators.numbers import FIGURE_DECIMALS, format_figure, format_number

register = template.Library()


@register.simple_tag
def roles_of(user) -> set[str]:
    return reporting_roles(user)


@register.filter
def overdue_on(report, today) -> str:
    """"quá hạn N ngày" for a report still to send past its own deadline, else empty (in
    any language: the dates decide, not the words)."""
    return report.countdown(today) if report.deadline < today else ""


@register.filter
def person(user) -> str:
    """Who did a step: their name in Vietnamese order (family name first), else their account,
    marked as Vietnamese in any interface language; "hệ thống" when no one did it.

    Steps of the demo, imports and deleted accounts have no user.
    """
    if not user:
        return gettext("hệ thống")
    return format_html('<span lang="vi">{}</span>', display_name(user))


def _number(value) -> Decimal | None:
    # A missing attribute reaches a filter as "" in templates.
    if value is None or value == "":
        return None
    return Decimal(value)


@register.filter
def vn_number(value) -> str:
    """1234.5 → "1.234,5"; empty when there is no number."""
    number = _number(value)
    return format_number(number) if number is not None else ""


@register.filter
def vn_figure(value) -> str:
    """A reported figure: indicators.numbers.format_figure, the one precision of figures."""
    return format_figure(_number(value))


@register.simple_tag
def figure_decimals() -> int:
    """For the form's preview script: it rounds as format_figure does."""
    return FIGURE_DECIMALS



@register.filter
def reporters_for(contacts: dict, agency_id: int) -> list:
    """The reporters to call about an agency, from the page's `contacts` (reporters_of)."""
    return contacts.get(agency_id, [])


@register.filter
def page_query(form, number) -> str:
    """The query string of page `number` with the filters of `form` (ReportFilterForm)."""
    return form.query(number)
