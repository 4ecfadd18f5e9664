from django.core.management.base import BaseCommand

from stamgegevens.demo import DEMO_WACHTWOORD, GEBRUIKERS, load_demo_data


class Command(BaseCommand):
    help = "Laadt de demodata uit de seed-documenten (idempotent)."

    def handle(self, *args, **options):
        from declaraties.demo import load_demo_declaraties
        from toewijzingen.demo import load_demo_toewijzingen

        totals = load_demo_data()
        totals.update(load_demo_toewijzingen())
        totals.update(load_demo_declaraties())
        self.stdout.write(
            self.style.SUCCESS(
                "Demodata geladen: " + ", ".join(f"{v} {k}" for k, v in totals.items())
            )
        )
        self.stdout.write(f"Demo-logins (wachtwoord voor allen: {DEMO_WACHTWOORD}):")
        for username, _voornaam, _achternaam, rol, gemeente, agb in GEBRUIKERS:
            self.stdout.write(f"  {username:<12} {rol.label} {gemeente or agb or ''}")
