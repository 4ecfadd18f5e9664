from django.apps import AppConfig


class ToewijzingenConfig(AppConfig):
    name = "toewijzingen"
    verbose_name = "Toewijzingen"

    def ready(self) -> None:
        from berichten import registry
        from core.lijstexport import lijst_registreren
        from toewijzingen.handlers import HANDLERS
        from toewijzingen.models import Client, Levering, Toewijzing

        for bericht_type, handler in HANDLERS.items():
            registry.register(bericht_type, handler)
        registry.modellen_registreren(Client, Toewijzing, Levering)
        lijst_registreren(
            "toewijzingen",
            titel="toewijzingen",
            view="toewijzingen.views.ToewijzingListView",
            rijen="toewijzingen.exports.toewijzingen",
        )
        lijst_registreren(
            "clienten",
            titel="cliënten",
            view="toewijzingen.views.ClientListView",
            rijen="toewijzingen.exports.clienten",
        )
