from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Gebruikers en rollen"

    def ready(self):
        # Connects the login signal that records whether the user has a TOTP device.
        from core import tweestaps  # noqa: F401
        from core.admin_nl import admin_vertalen

        admin_vertalen()
