"""`manage.py iwmo_validate FILE...`: check iWmo files without processing them."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from berichten.regels.bestand import Rapport, controleer_bestand


class Command(BaseCommand):
    help = "Controleer iWmo 3.2-berichten (XSD en berichtinhoud; met --database ook niveau 3/4, zonder iets op te slaan)."

    def add_arguments(self, parser):
        parser.add_argument("bestanden", nargs="+", metavar="FILE")
        parser.add_argument(
            "--json", action="store_true", help="Uitvoer als JSON-lijst."
        )
        parser.add_argument(
            "--database",
            action="store_true",
            help="Ook berichtoverstijgende controles (proefverwerking).",
        )

    def handle(self, *args, **options):
        rapporten = [
            (naam, self._controleer(naam, options["database"]))
            for naam in options["bestanden"]
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [{"bestand": naam} | r.as_dict() for naam, r in rapporten],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for naam, rapport in rapporten:
                self._toon(naam, rapport)
        ongeldig = sum(not r.geldig for _, r in rapporten)
        if ongeldig:
            raise CommandError(
                f"{ongeldig} van {len(rapporten)} bestand(en) ongeldig.", returncode=1
            )

    def _controleer(self, naam: str, met_database: bool) -> Rapport:
        try:
            data = Path(naam).read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {naam} niet lezen: {exc.strerror}") from None
        return controleer_bestand(data, met_database=met_database)

    def _toon(self, naam: str, rapport: Rapport) -> None:
        soort = rapport.bericht_type or "onbekend bericht"
        if rapport.geldig:
            self.stdout.write(self.style.SUCCESS(f"{naam}: {soort}: geldig"))
            return
        self.stdout.write(
            self.style.ERROR(
                f"{naam}: {soort}: {len(rapport.bevindingen)} bevinding(en)"
            )
        )
        for b in rapport.bevindingen:
            self.stdout.write(
                f"  niveau {b.niveau}  {b.regel}  {b.retourcode or '-'}  {b.pad or '-'}  {b.tekst}"
            )
