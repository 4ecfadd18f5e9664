"""Write the outbox to a folder, for sending through VECOZO/GGk."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from berichten import selectors
from berichten.constants import BerichtStatus
from berichten.models import Bericht


def _schrijf_atomair(doel: Path, inhoud: bytes) -> None:
    """Write under a temporary name, then rename: readers never see half a file."""
    tijdelijk = doel.with_name(f".{doel.name}.tmp")
    with open(tijdelijk, "wb") as f:
        f.write(inhoud)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tijdelijk, doel)


def _exporteer(bericht_id: int, map_: Path) -> Path | None:
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update()
            .filter(pk=bericht_id, status=BerichtStatus.IN_OUTBOX)
            .first()
        )
        if bericht is None:  # exported meanwhile by another run
            return None
        doel = map_ / selectors.bestandsnaam(bericht)
        _schrijf_atomair(doel, bericht.xml)
        bericht.status = BerichtStatus.VERZONDEN
        bericht.verzonden_op = timezone.now()
        bericht.save(update_fields=["status", "verzonden_op"])
    return doel


class Command(BaseCommand):
    help = (
        "Schrijf alle berichten met status 'in outbox' naar MAP als "
        "<type>_<afzender>_<identificatie>.xml en zet ze op 'verzonden'. Berichten "
        "aan een partij met een actieve API-sleutel blijven staan: die haalt ze op "
        "via /api/outbox/."
    )

    def add_arguments(self, parser):
        parser.add_argument("doelmap", metavar="MAP")

    def handle(self, *args, doelmap: str, **options):
        map_ = Path(doelmap)
        if not map_.is_dir():
            raise CommandError(f"{doelmap} is geen map.")
        ids = selectors.outbox_voor_map()
        aantal = 0
        for bericht_id in ids.values_list("id", flat=True):
            doel = _exporteer(bericht_id, map_)
            if doel is not None:
                aantal += 1
                self.stdout.write(f"{doel}")
        self.stdout.write(self.style.SUCCESS(f"{aantal} bericht(en) geëxporteerd."))
