from django.core.management.base import BaseCommand

from toewijzingen.signalen import signalen_berekenen


class Command(BaseCommand):
    help = "Toont de termijnsignalen (werkdagen) per gemeente en aanbieder; voor cron."

    def handle(self, *args, **options) -> None:
        for partij, signalen in signalen_berekenen().items():
            if not signalen:
                continue
            self.stdout.write(f"{partij}: {len(signalen)} signaal/signalen")
            for s in signalen:
                te_laat = (
                    f", {s.werkdagen_te_laat} werkdagen te laat"
                    if s.werkdagen_te_laat
                    else ""
                )
                self.stdout.write(
                    f"  - {s.omschrijving}: {s.object} (uiterlijk {s.uiterlijk:%d-%m-%Y}{te_laat})"
                )
