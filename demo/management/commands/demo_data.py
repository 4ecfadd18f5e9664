from django.core.management.base import BaseCommand, CommandError

from core.bulk import tabellen_analyseren
from demo import large_dataset
from demo.declaraties import load_demo_declaraties
from demo.stamgegevens import DEMO_WACHTWOORD, GEBRUIKERS, load_demo_data
from demo.toewijzingen import load_demo_toewijzingen
from portaal.signalen import signalen_vastleggen
from toewijzingen.models import Signaal


class Command(BaseCommand):
    help = "Laadt de demodata uit de seed-documenten (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["small", "large"],
            default="small",
            help="large: daarna een grote gemeente erbij (30.000 cliënten, 100.000 "
            "toewijzingen, 1.000.000 prestaties, 200 aanbieders); één keer per database.",
        )

    def handle(self, *args, **options):
        totals = load_demo_data()
        totals.update(load_demo_toewijzingen())
        totals.update(load_demo_declaraties())
        self.stdout.write(
            self.style.SUCCESS(
                "Demodata geladen: " + ", ".join(f"{v} {k}" for k, v in totals.items())
            )
        )
        if options["scale"] == "large":
            try:
                large_dataset.load_large_dataset(stdout=self.stdout)
            except large_dataset.AlreadyLoadedError as exc:
                raise CommandError(str(exc)) from exc
        # The stored deadline signals; later by celery beat or `manage.py signalen`.
        aantallen = signalen_vastleggen()
        if options["scale"] == "large":  # thousands of new signals: statistics
            tabellen_analyseren(Signaal)
        self.stdout.write(f"Signalen: {aantallen['open']} open.")
        from rapportages.samenvatting import alles_opbouwen

        # The bulk loader writes without signals: the dashboards' summary is rebuilt.
        self.stdout.write(f"Dashboards: {alles_opbouwen()} paren samengevat.")
        self.stdout.write(f"Demo-logins (wachtwoord voor allen: {DEMO_WACHTWOORD}):")
        for username, _voornaam, _achternaam, rol, gemeente, agb in GEBRUIKERS:
            self.stdout.write(f"  {username:<12} {rol.label} {gemeente or agb or ''}")
        if options["scale"] == "large":
            self.stdout.write(
                "  aanbieder-<agb> (200×) medewerker van elke gegenereerde aanbieder"
            )
