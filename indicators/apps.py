from django.apps import AppConfig
from django.utils.formats import get_format
from django.utils.translation import pgettext_lazy

from indicators import numbers


def _active_separators() -> tuple[str, str]:
    return get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = pgettext_lazy("app", "Chỉ tiêu")

    def ready(self) -> None:
        # Numbers follow the interface language: its format module (childplan/formats) holds
        # the separators, which the page scripts read too (JavaScriptCatalog's get_format).
        numbers.use_separators(_active_separators)
