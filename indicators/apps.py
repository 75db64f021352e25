from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = pgettext_lazy("app", "Chỉ tiêu")
