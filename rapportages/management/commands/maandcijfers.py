from django.core.management.base import BaseCommand

from rapportages import samenvatting


class Command(BaseCommand):
    help = (
        "Werkt de samenvatting van de dashboards bij (Maandcijfer) voor elk paar "
        "gemeente/aanbieder met gewijzigde gegevens; met --alles voor elk paar "
        "(na een bulklading, en eens per jaar). Voor cron, zonder celery beat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--alles", action="store_true", help="elk paar opnieuw opbouwen"
        )

    def handle(self, *args, **options) -> None:
        if options["alles"]:
            aantal = samenvatting.alles_opbouwen()
        else:
            aantal = samenvatting.bijwerken()
        self.stdout.write(f"Maandcijfers van {aantal} paar/paren bijgewerkt.")
