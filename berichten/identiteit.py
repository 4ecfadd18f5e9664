"""Who sends a message to whom, under which identity: headers of new messages and
the parties a message names (also for a retour, which copies its heen header)."""

from datetime import date

from django.utils import timezone

from berichten.constants import RETOUR_HEEN, VAN_GEMEENTE
from berichten.nummering import volgend_nummer
from berichten.xml.types.common import BerichtIdentificatie, Header
from core.batch_cache import per_batch
from stamgegevens.models import Aanbieder, Gemeente


def header(*, bericht_type: str, afzender: str, ontvanger: str) -> Header:
    """A header with a fresh BerichtIdentificatie, unique per sender and type (TR056)."""
    return Header(
        afzender=afzender,
        ontvanger=ontvanger,
        bericht_identificatie=BerichtIdentificatie(
            identificatie=nieuwe_identificatie(
                afzender=afzender, bericht_type=bericht_type
            ),
            dagtekening=timezone.localdate(),
        ),
    )


def nieuwe_identificatie(*, afzender: str, bericht_type: str) -> str:
    nummer = volgend_nummer(f"identificatie:{afzender}:{bericht_type}")
    return f"{bericht_type[3:]}{nummer:09d}"  # "301000000042": 12 characters


def partijen(
    bericht_type: str, afzender: str, ontvanger: str
) -> tuple[Gemeente | None, Aanbieder | None]:
    gemeentecode, agb = (
        (afzender, ontvanger) if bericht_type in VAN_GEMEENTE else (ontvanger, afzender)
    )
    return (
        per_batch(
            ("gemeente", gemeentecode),
            lambda: Gemeente.objects.filter(code=gemeentecode).first(),
        ),
        per_batch(
            ("aanbieder", agb), lambda: Aanbieder.objects.filter(agb_code=agb).first()
        ),
    )


def identiteit(message) -> tuple[str, str, str, date]:
    """Real sender, recipient, identificatie and dagtekening of a message.

    Retours (302 … 320) copy the heenbericht header unchanged, so their own sender
    is the heenbericht's recipient and their own identity is IdentificatieRetour.
    """
    h = message.header
    if message.BERICHT in RETOUR_HEEN and hasattr(h, "identificatie_retour"):
        return h.ontvanger, h.afzender, h.identificatie_retour, h.dagtekening_retour
    return (
        h.afzender,
        h.ontvanger,
        h.bericht_identificatie.identificatie,
        h.bericht_identificatie.dagtekening,
    )


def bsn_van(message) -> str:
    client = getattr(message, "client", None)
    return getattr(client, "bsn", "") or ""
