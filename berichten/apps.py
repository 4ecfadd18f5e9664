from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    name = "berichten"
    verbose_name = "Berichten"

    def ready(self) -> None:
        from berichten.wachtrij import herstel_berichten
        from core import wachtrij
        from core.lijstexport import lijst_registreren

        # The messages' part of the sweep (core/wachtrij.py).
        wachtrij.hersteller_registreren(herstel_berichten)
        lijst_registreren(
            "berichten",
            titel="berichten",
            view="berichten.views.BerichtListView",
            rijen="berichten.exports.berichten",
        )
