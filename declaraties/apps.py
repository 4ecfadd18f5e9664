from django.apps import AppConfig


class DeclaratiesConfig(AppConfig):
    name = "declaraties"
    verbose_name = "Declaraties"

    def ready(self) -> None:
        from berichten import registry
        from declaraties import handlers

        registry.register("WMO323", handlers.verwerk_declaratie)
        registry.register("WMO325", handlers.verwerk_declaratie_antwoord)
