from django.apps import AppConfig


class RapportagesConfig(AppConfig):
    name = "rapportages"
    verbose_name = "Rapportages"

    def ready(self) -> None:
        from rapportages import signals  # noqa: F401  (connects the receivers)
