from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildplanConfig(AppConfig):
    name = "childplan"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from childplan import sessions  # noqa: F401  (connects the sign-in receiver)
