from django.apps import AppConfig


class ToewijzingenConfig(AppConfig):
    name = "toewijzingen"
    verbose_name = "Toewijzingen"

    def ready(self) -> None:
        from berichten import registry
        from toewijzingen.handlers import HANDLERS
        from toewijzingen.models import Client, Levering, Toewijzing

        for bericht_type, handler in HANDLERS.items():
            registry.register(bericht_type, handler)
        registry.modellen_registreren(Client, Toewijzing, Levering)
