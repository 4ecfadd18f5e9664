"""Processing a stored inbound message, and sending one (a message for a party
that works in the portal is processed at once, retour included).

`bericht_verwerken` runs in a Celery task (eager by default) in one transaction:
parse -> XSD (level 1) -> decode -> TR056 -> in-message rules (level 2, retour
0001) -> domain handler (levels 3/4) -> retour or antwoord. Any failure leaves
the message in `fout` with its reason and nothing else saved; it can be retried.

Outbound: `bericht_versturen` encodes a message object, validates it against the
project's XSD, stores it, and delivers it: processed at once when the recipient
uses the portal, otherwise left in the outbox for `iwmo_export`.
"""

import copy
import hashlib
import logging
from datetime import date

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from lxml import etree

from berichten import kanaal as kanaal_regels, registry
from berichten.bevinding import Bevinding
from berichten.constants import (
    HEEN_RETOUR,
    RETOUR_HEEN,
    RETOUR_TERMIJN_WERKDAGEN,
    VAN_GEMEENTE,
    BerichtStatus,
    Kanaal,
    Niveau,
)
from berichten.identiteit import bsn_van, identiteit, nieuwe_identificatie, partijen
from berichten.models import Bericht
from berichten.regels import controleer_inhoud
from berichten.regels.algemeen import tr135_niet_in_de_toekomst
from berichten.retour import bouw_retour
from berichten.xml import codec, validation
from berichten.xml.parser import XmlInputError, identify, parse
from core import wachtrij, werkdagen
from core.exceptions import ApplicationError
from core.gc_pause import gc_paused

logger = logging.getLogger(__name__)


def reden_afgebroken(pogingen: int) -> str:
    return (
        f"De verwerking is {pogingen} keer begonnen en steeds afgebroken (de "
        "verwerker stopte of verloor de databaseverbinding); het bericht wordt niet "
        "meer vanzelf aangeboden. Kies 'Opnieuw verwerken'."
    )


# Every field of a Bericht but the primary key and the raw file.
ZONDER_INHOUD = [
    f.name
    for f in Bericht._meta.concrete_fields
    if not f.primary_key and f.name != "inhoud"
]


_VELDEN = [Bericht._meta.get_field(naam) for naam in ZONDER_INHOUD]


def _kopie(waarde):
    """A copy that a change in place (a list of bevindingen) does not reach."""
    return copy.deepcopy(waarde) if isinstance(waarde, (list, dict)) else waarde


def _onthoud(bericht: Bericht, velden=_VELDEN) -> None:
    """Remember the message's fields as they are in the database now (just read
    or saved), so `_bewaar` writes only what changed after."""
    bewaard = bericht.__dict__.setdefault("_bewaard", {})
    for veld in velden:
        bewaard[veld.attname] = _kopie(getattr(bericht, veld.attname))


def _bewaar(bericht: Bericht) -> None:
    """Save what processing changes, never the raw file: rewriting a 7 MB `inhoud`
    that did not change costs more than the rest of the UPDATE. After `_onthoud`
    only the fields that changed (a full-row UPDATE of 30 columns three times per
    message was a tenth of a 301's processing)."""
    bewaard = bericht.__dict__.get("_bewaard")
    if bewaard is None:
        gewijzigd = _VELDEN
    else:
        gewijzigd = [
            veld
            for veld in _VELDEN
            if getattr(bericht, veld.attname) != bewaard[veld.attname]
        ]
    if gewijzigd:
        bericht.save(update_fields=[veld.name for veld in gewijzigd])
    _onthoud(bericht, gewijzigd)


def _poging_beginnen(bericht_id: int, *, handmatig: bool) -> bool:
    """Count the attempt in its own transaction, before the work: an attempt that
    kills its worker still counts, so such a message cannot loop. False when the
    message is processed already, being processed by another worker right now
    (locked), or has used its automatic attempts (WACHTRIJ_POGINGEN)."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(
                pk=bericht_id,
                status__in=(BerichtStatus.ONTVANGEN, BerichtStatus.FOUT),
            )
            .only("pk", "status", "pogingen")
            .first()
        )
        if bericht is None:
            return False
        if not handmatig and bericht.pogingen >= settings.WACHTRIJ_POGINGEN:
            if bericht.status == BerichtStatus.ONTVANGEN:
                Bericht.objects.filter(pk=bericht_id).update(
                    status=BerichtStatus.FOUT,
                    foutmelding=reden_afgebroken(bericht.pogingen),
                    wachtreden="",
                )
            return False
        Bericht.objects.filter(pk=bericht_id).update(pogingen=F("pogingen") + 1)
    return True


def bericht_verwerken(
    *, bericht_id: int, handmatig: bool = False, boom: etree._Element | None = None
) -> Bericht:
    """Process one stored inbound message, atomically; on failure: status fout.

    Idempotent: a processed message is skipped, so delivering the task twice
    (late acknowledgement, the sweep) has one effect. A lost database connection
    leaves the message waiting for the sweep; any other failure: fout.

    `boom`: the tree the caller parsed from the stored bytes just now, in this
    process (storing reads the header, sending validates): not parsed again
    (a 6.7 MB WMO323 takes ~35 ms to parse)."""
    bericht = Bericht.objects.defer("inhoud").get(pk=bericht_id)
    if bericht.status not in (BerichtStatus.ONTVANGEN, BerichtStatus.FOUT):
        return bericht  # processed already: never twice
    with wachtrij.verwerkingsslot(bericht_id) as vrij, gc_paused():
        if not vrij:
            return bericht  # another worker is on it right now
        return _verwerken(bericht_id, handmatig=handmatig, boom=boom)


def _verwerken(
    bericht_id: int, *, handmatig: bool, boom: etree._Element | None
) -> Bericht:
    if not _poging_beginnen(bericht_id, handmatig=handmatig):
        return Bericht.objects.get(pk=bericht_id)
    try:
        with transaction.atomic():
            bericht = Bericht.objects.select_for_update().get(pk=bericht_id)
            if bericht.status not in (BerichtStatus.ONTVANGEN, BerichtStatus.FOUT):
                return bericht
            _onthoud(bericht)
            bericht.wachtreden = ""  # it waits no more (every outcome saves it)
            _verwerk(bericht, boom)
    except Exception as exc:  # any failure: roll back everything, keep the message
        logger.exception("Verwerking van bericht %s mislukt", bericht_id)
        if wachtrij.is_databaseverbinding_weg(exc):
            velden = {
                "wachtreden": (
                    f"De databaseverbinding viel weg tijdens de verwerking "
                    f"({wachtrij.tijd(timezone.now())}); het bericht wordt vanzelf "
                    "opnieuw aangeboden."
                )
            }
        else:
            velden = {
                "status": BerichtStatus.FOUT,
                "foutmelding": f"Verwerking mislukt: {_reden(exc)}",
                "wachtreden": "",
            }
        wachtrij.vastleggen(
            lambda: Bericht.objects.filter(pk=bericht_id).update(**velden),
            f"bericht {bericht_id}",
        )
        bericht = Bericht.objects.get(pk=bericht_id)
    return bericht


def _reden(exc: Exception) -> str:
    """The reason a failed processing gives; a database's own text (which may
    quote the message's values and the schema) stays in the server log."""
    if isinstance(exc, DatabaseError):
        return (
            "een waarde uit het bericht kon niet worden opgeslagen. Het bericht is "
            "bewaard; de beheerder vindt de oorzaak in het serverlog."
        )
    return str(exc)


def _afkeuren(
    bericht: Bericht, bevindingen: list[Bevinding], foutmelding: str = ""
) -> None:
    bericht.status = BerichtStatus.AFGEKEURD
    bericht.bevindingen = [b.as_dict() for b in bevindingen]
    bericht.foutmelding = foutmelding
    bericht.verwerkt_op = timezone.now()
    _bewaar(bericht)


def _verwerk(bericht: Bericht, boom: etree._Element | None = None) -> None:
    try:
        root = parse(bericht.xml) if boom is None else boom
        kind = identify(root)
    except XmlInputError as exc:
        _afkeuren(bericht, [], foutmelding=str(exc))
        return

    schemafouten = validation.validate(root, kind.bericht)
    if schemafouten:  # level 1: refused outside the standard, no retour
        _afkeuren(
            bericht,
            [
                Bevinding(
                    niveau=Niveau.XSD,
                    regel="XSD",
                    retourcode="",
                    pad=f.path or "",
                    tekst=f.message,
                )
                for f in schemafouten
            ],
            foutmelding="Het bericht voldoet niet aan het XSD-schema.",
        )
        return

    message = codec.decode_element(root, kind)
    bericht.bericht_type = kind.bericht
    bericht.afzender, bericht.ontvanger, bericht.identificatie, bericht.dagtekening = (
        identiteit(message)
    )
    bericht.bsn = bsn_van(message)
    bericht.gemeente, bericht.aanbieder = partijen(
        kind.bericht, bericht.afzender, bericht.ontvanger
    )
    if _geweigerd_na_decoderen(bericht):
        return
    onbekend = _onbekende_partij(bericht)
    if (
        onbekend
    ):  # level 4: a party the portal does not know; no retour can be addressed
        _afkeuren(bericht, [onbekend], foutmelding=onbekend.tekst)
        return
    bericht.status = BerichtStatus.GEVALIDEERD

    try:  # TR056: the database constraint decides, not a prior check
        with transaction.atomic():
            _bewaar(bericht)
    except IntegrityError:
        bericht.is_duplicaat = True
        bevinding = Bevinding(
            niveau=Niveau.BERICHTOVERSTIJGEND,
            regel="TR056",
            retourcode="9056",
            pad="/Bericht/Header",
            tekst="Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
        )
        _afkeuren(
            bericht,
            [bevinding],
            foutmelding="Dit bericht is al eerder ontvangen (TR056).",
        )
        _stuur_retour(bericht, message, [bevinding])
        return

    if kind.bericht in RETOUR_HEEN:
        _verwerk_retour(bericht, message)
        return

    inhoud = controleer_inhoud(message)  # level 2
    if inhoud:
        _afkeuren(
            bericht,
            inhoud,
            foutmelding="Het bericht is inhoudelijk afgekeurd (retourcode 0001).",
        )
        _stuur_retour(bericht, message, inhoud)
        return

    toekomst = _tr135(
        message
    )  # level 4; the 323's own checks hold it per berichtklasse
    if toekomst:
        _afkeuren(
            bericht, toekomst, foutmelding="De dagtekening ligt in de toekomst (TR135)."
        )
        _stuur_retour(bericht, message, toekomst)
        return

    handler = registry.handler_for(kind.bericht)
    verwerking = (
        handler(bericht=bericht, message=message) if handler else registry.Verwerking()
    )
    bericht.bevindingen = [b.as_dict() for b in verwerking.bevindingen]
    bericht.status = (
        BerichtStatus.AFGEKEURD if verwerking.afgekeurd else BerichtStatus.VERWERKT
    )
    bericht.verwerkt_op = timezone.now()
    _bewaar(bericht)
    if verwerking.antwoord is not None:
        _verstuur(verwerking.antwoord, heenbericht=bericht, user=None)
    elif not verwerking.uitgesteld:
        _stuur_retour(bericht, message, verwerking.bevindingen)


def _tr135(message) -> list[Bevinding]:
    if message.BERICHT == "WMO323":
        return []
    return tr135_niet_in_de_toekomst(message, timezone.localdate())


def _geweigerd_na_decoderen(bericht: Bericht) -> bool:
    """The trust rule once more, on the decoded header (belt and braces: the
    check at storage read the raw header)."""
    if not bericht.ingestuurd_namens:
        return False  # made in the portal (bericht_versturen): trusted
    namens = kanaal_regels.partij_uit_sleutel(bericht.ingestuurd_namens)
    reden = kanaal_regels.weigering(
        namens,
        bericht_type=bericht.bericht_type,
        afzender=bericht.afzender,
        ontvanger=bericht.ontvanger,
    )
    if not reden:
        return False
    bericht.gemeente, bericht.aanbieder = namens.gemeente, namens.aanbieder
    bericht.identificatie = None  # outside TR056: it is not that sender's message
    bericht.status = BerichtStatus.GEWEIGERD
    bericht.foutmelding = reden
    bericht.verwerkt_op = timezone.now()
    bericht.save()
    return True


def _onbekende_partij(bericht: Bericht) -> Bevinding | None:
    gemeente_afzender = bericht.bericht_type in VAN_GEMEENTE
    gemeentecode, agb = (
        (bericht.afzender, bericht.ontvanger)
        if gemeente_afzender
        else (bericht.ontvanger, bericht.afzender)
    )
    if bericht.gemeente is None:
        return Bevinding(
            niveau=Niveau.EXTERNE_BRON,
            regel="TR378",
            retourcode="S300",
            pad="/Bericht/Header",
            tekst=f"Gemeentecode {gemeentecode} is niet bekend in het portaal.",
        )
    if bericht.aanbieder is None:
        return Bevinding(
            niveau=Niveau.EXTERNE_BRON,
            regel="AGB",
            retourcode="",
            pad="/Bericht/Header",
            tekst=f"AGB-code {agb} is niet bekend in het portaal.",
        )
    return None


def _verwerk_retour(bericht: Bericht, message) -> None:
    """A retour or antwoord: link it to its heenbericht and let the domain react."""
    heen_type = RETOUR_HEEN[bericht.bericht_type]
    heen_id = (
        getattr(message.header, "declaratie_identificatie", None)
        or message.header.bericht_identificatie
    )
    if (
        bericht.heenbericht_id is None
    ):  # made in the portal: linked already (also to a duplicate)
        # An answer binds to its question only: the heenbericht was sent by the
        # party the answer is addressed to, and received by the party answering.
        bericht.heenbericht = Bericht.objects.filter(
            bericht_type=heen_type,
            afzender=bericht.ontvanger,
            ontvanger=bericht.afzender,
            identificatie=heen_id.identificatie,
            is_duplicaat=False,
        ).first()
    bericht.retourcodes = list(getattr(message.header, "retourcodes", []) or [])
    # A 325 is a message of its own with rules (TR101, TR135); no retour exists for it.
    fouten = controleer_inhoud(message) + _tr135(message)
    if fouten:
        _afkeuren(
            bericht,
            fouten,
            foutmelding="Het declaratie-antwoord voldoet niet aan de regels van iWmo 3.2; "
            "het is niet verwerkt.",
        )
        return
    if bericht.heenbericht_id is None:  # by id: reading the row reads its raw file
        # A reference to no question of these two parties changes nothing.
        bericht.bevindingen = [_geen_heenbericht(bericht).as_dict()]
    else:
        handler = registry.handler_for(bericht.bericht_type)
        verwerking = (
            handler(bericht=bericht, message=message)
            if handler
            else registry.Verwerking()
        )
        bericht.bevindingen = [b.as_dict() for b in verwerking.bevindingen]
    bericht.status = BerichtStatus.VERWERKT
    bericht.verwerkt_op = timezone.now()
    _bewaar(bericht)


def _geen_heenbericht(bericht: Bericht) -> Bevinding:
    if bericht.bericht_type == "WMO325":  # TR337 has no retourcode (n.v.t.)
        return Bevinding(
            niveau=Niveau.BERICHTOVERSTIJGEND,
            regel="TR337",
            retourcode="",
            pad="/Bericht/Header/DeclaratieIdentificatie",
            tekst=(
                "De DeclaratieIdentificatie verwijst niet naar een declaratie die "
                f"{bericht.ontvanger} aan {bericht.afzender} stuurde; er is niets "
                "verwerkt."
            ),
        )
    return Bevinding(
        niveau=Niveau.BERICHTOVERSTIJGEND,
        regel="TR063",
        retourcode="9063",
        pad="/Bericht/Header",
        tekst=(
            f"Er is geen {RETOUR_HEEN[bericht.bericht_type]} van {bericht.ontvanger} "
            f"aan {bericht.afzender} met deze identificatie; er is niets verwerkt."
        ),
    )


def _stuur_retour(bericht: Bericht, message, bevindingen: list[Bevinding]) -> None:
    if bericht.bericht_type not in HEEN_RETOUR:
        return
    retour_type = HEEN_RETOUR[bericht.bericht_type]
    identificatie = nieuwe_identificatie(
        afzender=bericht.ontvanger, bericht_type=retour_type
    )
    # bouw_retour copies the heen header; a 325 gets its own (gemeente -> aanbieder).
    retour = bouw_retour(
        message,
        bevindingen,
        identificatie=identificatie,
        dagtekening=timezone.localdate(),
    )
    _verstuur(retour, heenbericht=bericht, user=None)


def _verstuur(message, *, heenbericht: Bericht | None, user) -> Bericht:
    inhoud = codec.encode(message)
    root = parse(inhoud)
    fouten = validation.validate(root, message.BERICHT)
    if fouten:
        raise ApplicationError(
            "Het bericht voldoet niet aan het XSD-schema: "
            + "; ".join(f.message for f in fouten[:5]),
            code="xsd",
            extra={"fouten": [f.message for f in fouten]},
        )
    afzender, ontvanger, identificatie, dagtekening = identiteit(message)
    gemeente, aanbieder = partijen(message.BERICHT, afzender, ontvanger)
    ontvangende_partij = aanbieder if message.BERICHT in VAN_GEMEENTE else gemeente
    # Only Gemeente has `via_portaal`; aanbieders always work in the portal.
    ontvanger_in_portaal = ontvangende_partij is not None and getattr(
        ontvangende_partij, "via_portaal", True
    )
    bericht = Bericht.objects.create(
        bericht_type=message.BERICHT,
        afzender=afzender,
        ontvanger=ontvanger,
        gemeente=gemeente,
        aanbieder=aanbieder,
        identificatie=identificatie,
        dagtekening=dagtekening,
        bsn=bsn_van(message),
        kanaal=Kanaal.PORTAAL,
        inhoud=inhoud,
        sha256=hashlib.sha256(inhoud).hexdigest(),
        heenbericht=heenbericht,
        aangemaakt_door=user,
        status=BerichtStatus.ONTVANGEN
        if ontvanger_in_portaal
        else BerichtStatus.IN_OUTBOX,
        retour_uiterlijk=_retour_uiterlijk(message.BERICHT),
    )
    if ontvanger_in_portaal:
        bericht_verwerken(bericht_id=bericht.pk, boom=root)  # inside the portal
        bericht.refresh_from_db()
    return bericht


def _retour_uiterlijk(bericht_type: str) -> date | None:
    termijn = RETOUR_TERMIJN_WERKDAGEN.get(bericht_type)
    return werkdagen.plus_werkdagen(timezone.localdate(), termijn) if termijn else None


@transaction.atomic
def retour_versturen(*, bericht: Bericht, bevindingen: list[Bevinding]) -> Bericht:
    """The retour (or 325) of a heenbericht whose answer was held back
    (`Verwerking.uitgesteld`), built from `bevindingen` as at processing."""
    _stuur_retour(bericht, codec.decode(bericht.xml), bevindingen)
    return bericht.retourberichten.latest("id")


def bericht_versturen(*, message, user=None) -> Bericht:
    """Send a message made in the portal: XSD-checked, stored, delivered or queued."""
    return _verstuur(message, heenbericht=None, user=user)
