from django.core.management.base import BaseCommand

from portaal.werkvoorraad import werkvoorraad_verversen


class Command(BaseCommand):
    help = (
        "Berekent de tellingen en eerste signalen van de startpagina opnieuw voor "
        "elke partij die de startpagina gebruikt; voor cron (zonder celery beat)."
    )

    def handle(self, *args, **options) -> None:
        aantal = werkvoorraad_verversen()
        self.stdout.write(f"Werkvoorraad van {aantal} partij(en) bijgewerkt.")
