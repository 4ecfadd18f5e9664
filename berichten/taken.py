"""Uploaded berichten as one background job (core.taken): stored first, processed after.

Storing is cheap and stays in the request, so every file is kept before anything
can go wrong; the processing (parse, XSD, rules, domain, retour) runs in the job,
one message after the other, with progress per file.
"""

from berichten import verwerking
from core.taken import voortgang


def berichten_verwerken(
    taak, *, bericht_ids: list[int], handmatig: bool = False
) -> dict:
    """Process the stored messages one by one; each in its own transaction.
    `handmatig`: a person asked for it, past the automatic attempt limit."""
    regels, totaal = [], len(bericht_ids)
    voortgang(taak, 0, totaal)
    for gedaan, bericht_id in enumerate(bericht_ids, start=1):
        bericht = verwerking.bericht_verwerken(
            bericht_id=bericht_id, handmatig=handmatig
        )
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
