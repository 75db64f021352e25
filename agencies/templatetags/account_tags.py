from django import forms, template
from django.conf import settings

from agencies.access import manages_accounts
from agencies.services import display_name

register = template.Library()


@register.simple_tag
def may_manage_accounts(user, roles) -> bool:
    """`roles` as roles_of gives them: only a manager (or an administrator) is asked further."""
    return ("manager" in roles or user.is_superuser) and manages_accounts(user)


@register.filter
def vn_name(user) -> str:
    """A person's name in Vietnamese order ("Nguyễn Thị Lan"), else their username."""
    return display_name(user) if user else ""


@register.simple_tag
def other_languages(current: str) -> list[tuple[str, str]]:
    """The switch's choices: each language but `current`, named in itself as settings name it
    (Django's own names would be translated into the page's language)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != current]


@register.filter
def names_marked(field):
    """A form box whose choices are rows of the database (agencies, units, a standard's items)
    lists names as written: the box is marked Vietnamese in any interface language. Any other
    box renders as it is."""
    if isinstance(getattr(field, "field", None), forms.ModelChoiceField):
        return field.as_widget(attrs={"lang": "vi"})
    return field
