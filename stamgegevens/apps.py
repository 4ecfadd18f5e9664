from django.apps import AppConfig


class StamgegevensConfig(AppConfig):
    name = "stamgegevens"
    verbose_name = "Stamgegevens"
