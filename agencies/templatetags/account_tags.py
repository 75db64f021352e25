from django import template

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
