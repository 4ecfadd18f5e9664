from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = "Werkvoorraad en meldingen"

    def ready(self) -> None:
        # Marks a party's kept start-page counts stale when its rows change.
        from meldingen import verversen

        verversen.aansluiten()
