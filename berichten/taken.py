"""Uploaded berichten as one background job (core.taken): stored first, processed after.

Storing is cheap and stays in the request, so every file is kept before anything
can go wrong; the processing (parse, XSD, rules, domain, retour) runs in the job,
one message after the other, with progress per file.
"""

import hashlib

from django.db import transaction

from berichten import services
from berichten.constants import BerichtStatus
from berichten.models import Bericht
from core.taken import voortgang


def bericht_opslaan(*, inhoud: bytes, kanaal: str, user, bestandsnaam: str) -> Bericht:
    """Store one inbound file, recognised but not processed (`bericht_ontvangen`
    without its processing step)."""
    with transaction.atomic():
        bericht = Bericht.objects.create(
            inhoud=inhoud,
            sha256=hashlib.sha256(inhoud).hexdigest(),
            kanaal=kanaal,
            aangemaakt_door=user,
            bestandsnaam=bestandsnaam[:255],
            status=BerichtStatus.ONTVANGEN,
        )
        services._herken(bericht)
    return bericht


def berichten_verwerken(taak, *, bericht_ids: list[int]) -> dict:
    """Process the stored messages one by one; each in its own transaction."""
    regels, totaal = [], len(bericht_ids)
    voortgang(taak, 0, totaal)
    for gedaan, bericht_id in enumerate(bericht_ids, start=1):
        bericht = services.bericht_verwerken(bericht_id=bericht_id)
        tekst = f"{bericht.bestandsnaam}: {bericht} – {bericht.get_status_display()}"
        if bericht.foutmelding:
            tekst += f" ({bericht.foutmelding})"
        regels.append(
            {
                "tekst": tekst,
                "url": bericht.get_absolute_url(),
                "fout": bool(bericht.foutmelding),
                "bericht": bericht.pk,
                "status": bericht.status,
            }
        )
        voortgang(
            taak, gedaan, totaal, melding=f"Bericht {gedaan} van {totaal} verwerkt."
        )
    fout = sum(r["fout"] for r in regels)
    melding = f"{totaal} bericht(en) verwerkt"
    taak.melding = melding + (f", waarvan {fout} met een fout." if fout else ".")
    return {"regels": regels}
