from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Xã, phường phù hợp với trẻ em")

    def ready(self) -> None:
        from assessments.demo import connect

        connect()
