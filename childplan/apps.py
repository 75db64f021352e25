from django.apps import AppConfig


class ChildplanConfig(AppConfig):
    name = "childplan"
    verbose_name = "Kế hoạch"

    def ready(self) -> None:
        from childplan import sessions  # noqa: F401  (connects the sign-in receiver)
