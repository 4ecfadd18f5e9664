from django.apps import AppConfig


class PortaalConfig(AppConfig):
    """What spans the domain apps: the start page and its kept work counts."""

    name = "portaal"
    verbose_name = "Portaal"
