from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Đơn vị hành chính và cơ quan")

    def ready(self) -> None:
        from agencies import signals  # noqa: F401  (connects the access-log receivers)
