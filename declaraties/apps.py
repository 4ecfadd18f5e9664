from django.apps import AppConfig


class DeclaratiesConfig(AppConfig):
    name = "declaraties"
    verbose_name = "Declaraties"
