from django.apps import AppConfig


class DeclaratiesConfig(AppConfig):
    name = "declaraties"
    verbose_name = "Declaraties"

    def ready(self) -> None:
        from berichten import registry
        from declaraties import handlers, selectors
        from declaraties.models import Declaratie, Prestatie
        from toewijzingen.selectors import declaratieregels_registreren

        registry.register("WMO323", handlers.verwerk_declaratie)
        registry.register("WMO325", handlers.verwerk_declaratie_antwoord)
        registry.modellen_registreren(Declaratie, Prestatie)
        # TR385 in toewijzingen asks this app for the declared lines.
        declaratieregels_registreren(selectors.goedgekeurd_niet_gecrediteerd)
