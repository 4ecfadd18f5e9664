from django.core.management.base import BaseCommand

from meldingen.versturen import meldingen_versturen


class Command(BaseCommand):
    help = (
        "Maakt meldingen van nieuwe werkvoorraad en verstuurt de e-mails: direct en "
        "(eenmaal per dag) het dagelijks overzicht. Voor cron; celery beat doet "
        "hetzelfde."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--zonder-dagoverzicht",
            action="store_true",
            help="Alleen meldingen en directe e-mails, geen dagelijks overzicht.",
        )

    def handle(self, *args, **options):
        resultaat = meldingen_versturen(dagoverzicht=not options["zonder_dagoverzicht"])
        self.stdout.write(
            f"{resultaat.meldingen} nieuwe meldingen, {resultaat.direct} directe "
            f"e-mails, {resultaat.dagoverzicht} dagelijkse overzichten."
        )
