from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ thực hiện")

    def ready(self) -> None:
        from progress.charts import use_default_template
        from progress.receivers import connect

        use_default_template()
        connect()
