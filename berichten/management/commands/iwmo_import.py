"""Read iWmo messages from files and folders (e.g. a VECOZO/GGk download folder)."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from berichten import kanaal, registry, services
from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from core.batch_cache import batch
from core.bulk import tabellen_analyseren
from core.exceptions import ApplicationError
from core.uniek import enige_of_geen

# From this many processed files on, the import ends with ANALYZE on the tables
# the berichten fill: a large import can change their size many times over.
GROTE_IMPORT = 100
# The domain apps name their tables in the handler registry (their AppConfig.ready).
GEVULDE_MODELLEN = (Bericht, *registry.gevulde_modellen())


def _bestanden(paden: list[str]) -> list[Path]:
    bestanden = []
    for naam in paden:
        pad = Path(naam)
        if pad.is_dir():
            bestanden += sorted(
                p for p in pad.iterdir() if p.is_file() and p.suffix.lower() == ".xml"
            )
        elif pad.is_file():
            bestanden.append(pad)
        else:
            raise CommandError(f"{naam} bestaat niet.")
    return bestanden


class Command(BaseCommand):
    help = (
        "Importeer iWmo-berichten uit bestanden en mappen (alle *.xml) van één partij, "
        "genoemd met --namens. Een bestand dat die partij niet verstuurt, wordt "
        "bewaard als geweigerd en verder niet verwerkt. De bronbestanden blijven "
        "staan; een bestand dat al is ontvangen wordt overgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("paden", nargs="+", metavar="PAD")
        parser.add_argument(
            "--namens",
            required=True,
            metavar="PARTIJ",
            help="De partij van wie de bestanden komen: gemeente:0059 of "
            "aanbieder:98765432.",
        )

    def handle(self, *args, paden: list[str], namens: str, **options):
        try:
            partij = kanaal.partij_uit_sleutel(namens)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        # Gemeenten, aanbieders, products and contracts are read once per import.
        with batch():
            self._importeer(_bestanden(paden), partij)

    def _importeer(self, bestanden: list[Path], partij: kanaal.Partij) -> None:
        totaal = len(bestanden)
        geweigerd = 0
        verwerkt = 0
        for nummer, bestand in enumerate(bestanden, start=1):
            teller = f"[{nummer}/{totaal} {nummer * 100 // totaal:3d}%]"
            inhoud = bestand.read_bytes()
            # Unordered, so the sha256 index finds it: with ORDER BY (first()) the
            # planner may walk all berichten by date while the statistics lag
            # behind a large import (O(n) per file).
            eerder = enige_of_geen(
                Bericht.objects.filter(sha256=hashlib.sha256(inhoud).hexdigest())
                .exclude(status=BerichtStatus.GEWEIGERD)  # refused: never received
                .values_list("pk", flat=True)
            )
            if eerder is not None:
                self.stdout.write(
                    f"{teller} {bestand}: al ontvangen als bericht {eerder}"
                )
                continue
            bericht = services.bericht_ontvangen(
                inhoud=inhoud,
                kanaal=Kanaal.MAP,
                namens=partij,
                bestandsnaam=bestand.name,
            )
            if bericht.status == BerichtStatus.GEWEIGERD:
                geweigerd += 1
            else:
                verwerkt += 1
            regel = f"{teller} {bestand}: {bericht} – {bericht.get_status_display()}"
            if bericht.foutmelding:
                self.stdout.write(self.style.ERROR(f"{regel} ({bericht.foutmelding})"))
            elif bericht.wachtreden:  # the broker was down: the sweep takes it on
                self.stdout.write(self.style.WARNING(f"{regel} ({bericht.wachtreden})"))
            else:
                self.stdout.write(self.style.SUCCESS(regel))
        slot = f"{totaal} bestand(en) gelezen namens {partij}."
        if geweigerd:
            slot += f" {geweigerd} geweigerd: niet verstuurd door deze partij."
        self.stdout.write(slot)
        if verwerkt >= GROTE_IMPORT:
            tabellen_analyseren(*GEVULDE_MODELLEN)
            self.stdout.write("Statistieken van de database bijgewerkt (ANALYZE).")
