from django.apps import AppConfig


class ToewijzingenConfig(AppConfig):
    name = "toewijzingen"
    verbose_name = "Toewijzingen"
