"""Receiving iWmo messages, and what a person asks of a stored one.

Inbound: `bericht_ontvangen` stores the raw bytes first (own transaction), then
hands the message to processing (`berichten.verwerking`) in a Celery task, after
the commit. Sending and processing: `berichten/verwerking.py`. The domain apps use
`berichten.verkeer`, not this module.
"""

import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lxml import etree

from berichten import (
    kanaal as kanaal_regels,
    selectors,
    taken as berichten_taken,
    verwerking,
)
from berichten.constants import RETOUR_HEEN, BerichtStatus
from berichten.identiteit import partijen
from berichten.kanaal import Partij
from berichten.models import Bericht
from berichten.selectors import outbox_bevestigbaar
from berichten.tasks import verwerk_bericht
from berichten.verwerking import ZONDER_INHOUD
from berichten.xml.parser import XmlInputError, identify, parse
from core import taken, wachtrij
from core.bulk import bytes_schrijven
from core.constants import Rol
from core.exceptions import ApplicationError

logger = logging.getLogger(__name__)


def _run_processing(bericht_id: int, boom: etree._Element | None) -> None:
    """Queue the stored message after the commit. A broker fault never fails the
    caller: the message keeps waiting (with its `wachtreden`) for the sweep."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # In-process (no broker): the task's work without Celery's tracing around
        # it (a few per cent of a small message's processing), on the tree that
        # storing parsed.
        verwerking.bericht_verwerken(bericht_id=bericht_id, boom=boom)
    else:
        transaction.on_commit(
            lambda: wachtrij.in_wachtrij_zetten(Bericht, verwerk_bericht, bericht_id)
        )


def bericht_opslaan(
    *, inhoud: bytes, kanaal: str, namens: Partij, user=None, bestandsnaam: str = ""
) -> Bericht:
    """Store an inbound file as it came, recognised by its header but not processed.

    Every channel comes through here with the party that sends the file in
    (`namens`, from the logged-in user or named by a beheerder or operator). A
    file that party may not send (berichten/kanaal.py) is kept with status
    geweigerd, visible to that party only, and is never processed.
    """
    bericht, _ = _opslaan(
        inhoud=inhoud,
        kanaal=kanaal,
        namens=namens,
        user=user,
        bestandsnaam=bestandsnaam,
    )
    return bericht


def _opslaan(
    *, inhoud: bytes, kanaal: str, namens: Partij, user, bestandsnaam: str
) -> tuple[Bericht, etree._Element | None]:
    """`bericht_opslaan`, and the tree the header was read from (None when the
    file does not parse), for processing in this process."""
    with transaction.atomic():
        bericht = Bericht(
            inhoud=inhoud,  # read by _herken; written below as a binary parameter
            sha256=hashlib.sha256(inhoud).hexdigest(),
            kanaal=kanaal,
            aangemaakt_door=user,
            bestandsnaam=bestandsnaam[:255],
            status=BerichtStatus.ONTVANGEN,
            ingestuurd_namens=namens.sleutel,
        )
        boom = _herken(bericht)
        reden = kanaal_regels.weigering(
            namens,
            bericht_type=bericht.bericht_type,
            afzender=bericht.afzender,
            ontvanger=bericht.ontvanger,
        )
        if reden or bericht.bericht_type is None:
            # Only the party that sent it in sees it, never a party named in the XML.
            bericht.gemeente, bericht.aanbieder = namens.gemeente, namens.aanbieder
        if reden:
            bericht.status = BerichtStatus.GEWEIGERD
            bericht.foutmelding = reden
            bericht.verwerkt_op = timezone.now()
        # One INSERT with what the header says, then the raw file.
        bericht.inhoud = b""
        bericht.save(force_insert=True)
        bytes_schrijven(bericht, "inhoud", inhoud)
    if user is not None and getattr(user, "rol", None) == Rol.BEHEERDER:
        logger.info(
            "Beheerder %s stuurde bericht %s in namens %s (%s).",
            user.username,
            bericht.pk,
            namens.sleutel,
            bericht.get_status_display(),
        )
    return bericht, boom


def bericht_ontvangen(
    *, inhoud: bytes, kanaal: str, namens: Partij, user=None, bestandsnaam: str = ""
) -> Bericht:
    """Store an inbound file before anything else, then hand it to processing
    (unless it was refused: then nothing else happens)."""
    bericht, boom = _opslaan(
        inhoud=inhoud,
        kanaal=kanaal,
        namens=namens,
        user=user,
        bestandsnaam=bestandsnaam,
    )
    if bericht.status == BerichtStatus.GEWEIGERD:
        return bericht
    _run_processing(bericht.pk, boom)
    bericht.refresh_from_db(fields=ZONDER_INHOUD)  # the raw file did not change
    return bericht


def _herken(bericht: Bericht) -> etree._Element | None:
    """Read type, parties and identification from the header, so the message can
    be listed and scoped even when it turns out broken later. Never raises;
    the caller saves. Returns the parsed tree (None when it does not parse)."""
    try:
        root = parse(bericht.xml)
        kind = identify(root)
    except XmlInputError:
        return None
    ns = {
        "m": kind.namespace,
        "b": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
    }
    text = root.xpath
    bericht.bericht_type = kind.bericht
    afzender = (text("string(m:Header/m:Afzender)", namespaces=ns) or "")[:8]
    ontvanger = (text("string(m:Header/m:Ontvanger)", namespaces=ns) or "")[:8]
    if kind.bericht in RETOUR_HEEN and kind.bericht != "WMO325":
        afzender, ontvanger = ontvanger, afzender
    bericht.afzender, bericht.ontvanger = afzender, ontvanger
    bericht.bsn = (text("string(m:Client/m:Bsn)", namespaces=ns) or "")[:9]
    bericht.gemeente, bericht.aanbieder = partijen(
        kind.bericht, bericht.afzender, bericht.ontvanger
    )
    return root


def bericht_opnieuw_verwerken(*, bericht: Bericht, user):
    """Process the message again as a background job (core.Taak), not in the request;
    returns the job. Counts as a person's attempt: past the automatic limit too."""
    if not selectors.kan_opnieuw_verwerken(bericht):
        raise ApplicationError(
            "Alleen een bericht met status 'fout', of dat langer dan "
            f"{wachtrij.minuten(wachtrij.wachttijd())} op verwerking wacht, kan "
            "opnieuw worden verwerkt."
        )
    return taken.taak_starten(
        user=user,
        soort=f"{bericht} opnieuw verwerken",
        functie=berichten_taken.berichten_verwerken,
        bericht_ids=[bericht.pk],
        handmatig=True,
    )


@transaction.atomic
def bericht_ontvangst_bevestigen(*, user, bericht_id: int) -> Bericht:
    """A machine client confirms it has a message of its outbox: it is sent.
    Idempotent, so a client may repeat a confirmation whose answer it lost;
    a message to another party is not found (404), never confirmed."""
    bericht = (
        outbox_bevestigbaar(user=user).select_for_update().filter(pk=bericht_id).first()
    )
    if bericht is None:
        raise Bericht.DoesNotExist
    if bericht.status == BerichtStatus.IN_OUTBOX:
        bericht.status = BerichtStatus.VERZONDEN
        bericht.verzonden_op = timezone.now()
        bericht.save(update_fields=["status", "verzonden_op"])
    return bericht
