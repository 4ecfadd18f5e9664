from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Gebruikers en rollen"

    def ready(self):
        from core import wachtrij

        # Registers the Celery tasks of background jobs and of the sweep.
        from core.taken import wachtrij as taken_wachtrij

        # Connects the login signal that records whether the user has a TOTP device.
        from core.tweestaps import middleware  # noqa: F401

        wachtrij.hersteller_registreren(taken_wachtrij.herstel_taken, rang=1)
