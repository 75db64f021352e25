from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = "Đơn vị hành chính và cơ quan"

    def ready(self) -> None:
        from agencies import signals  # noqa: F401  (connects the access-log receivers)
