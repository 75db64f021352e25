from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Xã, phường phù hợp với trẻ em"

    def ready(self) -> None:
        from assessments.demo import connect

        connect()
