from django.apps import AppConfig


class ChildplanConfig(AppConfig):
    name = "childplan"
    verbose_name = "Kế hoạch"
