"""The gemeente's review step before the 325 leaves (Gemeente.declaraties_beoordelen, R-D8)."""

from django.db import transaction
from django.utils import timezone

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.models import Bericht
from berichten.verkeer import retour_versturen
from berichten.xml import codec
from core import codelijsten
from core.exceptions import ApplicationError
from declaraties.constants import (
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.mappers import saldo
from declaraties.models import Declaratie, Prestatie

# --- the gemeente's review step (Gemeente.declaraties_beoordelen, R-D8) ---------------

# Codes a contract manager cannot give: "all is well" and the technical ones.
NIET_TE_GEVEN = {"0001", "0200", "0233", "8001", "9056"}


def beoordeling_retourcodes() -> list[tuple[str, str]]:
    """The retourcodes of the codelist a contract manager may reject with."""
    return [
        (code, f"{code} – {tekst}")
        for code, tekst in codelijsten.codes(codelijsten.RETOURCODE).items()
        if code not in NIET_TE_GEVEN
    ]


def _beoordelaar(user, declaratie: Declaratie) -> Declaratie:
    """Only a contract manager of the declaratie's gemeente, while it waits."""
    if not getattr(user, "is_gemeente", False) or not (
        Declaratie.objects.visible_to(user).filter(pk=declaratie.pk).exists()
    ):
        raise ApplicationError(
            "Alleen een contractmanager van de gemeente beoordeelt een declaratie.",
            code="rol",
        )
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if declaratie.status != DeclaratieStatus.TE_BEOORDELEN:
        raise ApplicationError(
            "Deze declaratie wacht niet (meer) op beoordeling.", code="status"
        )
    return declaratie


def _retourcode(retourcode: str) -> str:
    if retourcode not in dict(beoordeling_retourcodes()):
        raise ApplicationError(
            f"Retourcode {retourcode} is geen code om mee af te keuren.",
            code="retourcode",
        )
    return retourcode


@transaction.atomic
def prestatie_afkeuren(
    *, user, prestatie: Prestatie, retourcode: str, reden: str = ""
) -> Prestatie:
    """The contract manager rejects one line waiting for review, with a code."""
    _beoordelaar(user, prestatie.declaratie)
    if prestatie.status != PrestatieStatus.TE_BEOORDELEN:
        raise ApplicationError("Deze regel wacht niet op beoordeling.", code="status")
    code = _retourcode(retourcode)
    prestatie.status = PrestatieStatus.AFGEKEURD
    prestatie.retourcodes = [code]
    prestatie.beoordeling_reden = (
        reden.strip() or codelijsten.omschrijving(codelijsten.RETOURCODE, retourcode)
    )[:200]
    prestatie.save(update_fields=["status", "retourcodes", "beoordeling_reden"])
    return prestatie


@transaction.atomic
def prestatie_terugzetten(*, user, prestatie: Prestatie) -> Prestatie:
    """Undo the contract manager's rejection: the line waits for review again.
    A line the automatic checks rejected stays rejected."""
    _beoordelaar(user, prestatie.declaratie)
    if not prestatie.beoordeling_reden:
        raise ApplicationError(
            "Alleen een regel die u zelf afkeurde, zet u terug.", code="status"
        )
    prestatie.status = PrestatieStatus.TE_BEOORDELEN
    prestatie.retourcodes, prestatie.beoordeling_reden = [], ""
    prestatie.save(update_fields=["status", "retourcodes", "beoordeling_reden"])
    return prestatie


def _paden(declaratie: Declaratie) -> dict[str, str]:
    """ProductReferentie → the Prestatie's path in the 323 as it came in."""
    message = codec.decode(declaratie.bericht.xml)
    return {
        p.product_referentie.referentie_nummer: paden.prestatie(cnr, pnr)
        for cnr, client in enumerate(message.declaratie.clienten, start=1)
        for pnr, p in enumerate(client.prestaties, start=1)
    }


def _automatisch(declaratie: Declaratie) -> list[Bevinding]:
    """The findings of the automatic checks, as stored with the 323."""
    return [Bevinding(**b) for b in declaratie.bericht.bevindingen]


@transaction.atomic
def declaratie_goedkeuren(*, user, declaratie: Declaratie) -> Bericht:
    """End the review: the lines still waiting are approved, the 325 is sent with
    the automatic findings and the contract manager's rejections."""
    declaratie = _beoordelaar(user, declaratie)
    paden_ = _paden(declaratie)
    bevindingen = _automatisch(declaratie)
    regels = list(declaratie.prestaties.all())
    for p in regels:
        if p.beoordeling_reden:
            bevindingen.append(
                Bevinding(
                    niveau=4,
                    regel="Beoordeling",
                    retourcode=p.retourcodes[0],
                    pad=paden_[p.product_referentie],
                    tekst=p.beoordeling_reden,
                )
            )
    declaratie.prestaties.filter(status=PrestatieStatus.TE_BEOORDELEN).update(
        status=PrestatieStatus.GOEDGEKEURD
    )
    goedgekeurd = [
        p
        for p in regels
        if p.status in (PrestatieStatus.TE_BEOORDELEN, PrestatieStatus.GOEDGEKEURD)
    ]
    declaratie.totaal_toegekend = saldo(goedgekeurd)
    declaratie.retourcodes = ["8001" if len(goedgekeurd) == len(regels) else "0200"]
    return _beoordeling_af(user, declaratie, DeclaratieStatus.BEANTWOORD, bevindingen)


@transaction.atomic
def declaratie_afkeuren(
    *, user, declaratie: Declaratie, retourcode: str, reden: str = ""
) -> Bericht:
    """Reject the whole declaratie: nothing is paid, the 325 carries the code."""
    declaratie = _beoordelaar(user, declaratie)
    code = _retourcode(retourcode)
    tekst = reden.strip() or codelijsten.omschrijving(codelijsten.RETOURCODE, code)
    bevindingen = _automatisch(declaratie) + [
        Bevinding(
            niveau=4,
            regel="Beoordeling",
            retourcode=code,
            pad=paden.DECLARATIE,
            tekst=tekst,
        )
    ]
    declaratie.bericht.bevindingen = [b.as_dict() for b in bevindingen]
    declaratie.bericht.save(update_fields=["bevindingen"])
    declaratie.prestaties.update(
        status=PrestatieStatus.AFGEKEURD,
        retourcodes=[code],
        beoordeling_reden=tekst[:200],
    )
    declaratie.totaal_toegekend = 0
    declaratie.retourcodes = [code]
    return _beoordeling_af(user, declaratie, DeclaratieStatus.AFGEKEURD, bevindingen)


def _beoordeling_af(
    user, declaratie: Declaratie, status: str, bevindingen: list[Bevinding]
) -> Bericht:
    declaratie.status = status
    declaratie.beoordeeld_door = user
    declaratie.beantwoord_op = timezone.now()
    declaratie.save()
    return retour_versturen(bericht=declaratie.bericht, bevindingen=bevindingen)
