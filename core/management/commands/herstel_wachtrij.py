from django.core.management.base import BaseCommand

from core.wachtrij import wachtrij_herstellen


class Command(BaseCommand):
    help = (
        "Biedt berichten en taken die langer dan WACHTRIJ_WACHTTIJD_SECONDEN wachten "
        "opnieuw aan de wachtrij aan, of zet ze na WACHTRIJ_POGINGEN keer op 'fout'; "
        "voor cron (elke minuut), als celery beat niet draait."
    )

    def handle(self, *args, **options) -> None:
        uitkomst = wachtrij_herstellen()
        self.stdout.write(
            f"Berichten opnieuw aangeboden: {uitkomst['berichten_opnieuw']}, "
            f"op fout gezet: {uitkomst['berichten_opgegeven']}. "
            f"Taken opnieuw aangeboden: {uitkomst['taken_opnieuw']}, "
            f"onderbroken: {uitkomst['taken_onderbroken']}, "
            f"op fout gezet: {uitkomst['taken_opgegeven']}."
        )
