"""The proefdeclaratie (the gemeente's checks, nothing saved) and sending the 323."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import BerichtStatus
from berichten.models import Bericht
from berichten.regels import controleer_inhoud
from berichten.verkeer import bericht_versturen, header
from berichten.xml.types import BerichtIdentificatie, Header
from core.exceptions import ApplicationError
from declaraties import regels
from declaraties.constants import (
    DeclaratieStatus,
)
from declaraties.handlers import termijnen
from declaraties.mappers import indeling, saldo, wmo323
from declaraties.models import Declaratie, Prestatie
from declaraties.services.voorstellen import _eigen_concept, nieuw_declaratienummer

PROEF = "PROEF"  # Identificatie and DeclaratieNummer of a proefdeclaratie: never sent


# --- proefdeclaratie and sending ----------------------------------------------------


@dataclass
class Proef:
    """What the gemeente would answer, per line, without sending anything."""

    bevindingen: list[Bevinding]
    per_prestatie: dict[int, list[Bevinding]] = field(
        default_factory=dict
    )  # by Prestatie pk
    declaratie: list[Bevinding] = field(default_factory=list)  # Header / Declaratie
    afgekeurd_op_inhoud: bool = (
        False  # level 2: the whole 323 would come back with 0001
    )

    def retourcodes(self, prestatie: Prestatie) -> list[str]:
        codes: list[str] = []
        for b in self.declaratie + self.per_prestatie.get(prestatie.pk, []):
            if b.retourcode and b.retourcode not in codes:
                codes.append(b.retourcode)
        return codes

    @property
    def goedgekeurd(self) -> bool:
        return not any(b.retourcode for b in self.bevindingen)


def _bericht(declaratie: Declaratie, identificatie_header: Header):
    prestaties = list(declaratie.prestaties.all())
    return prestaties, wmo323(
        header=identificatie_header, declaratie=declaratie, prestaties=prestaties
    )


def _prestatie_pad(pad: str, prestaties: dict[str, int]) -> str | None:
    """The Prestatie that is `pad` or holds it; None for the Header or Declaratie."""
    while pad and pad not in prestaties:
        pad = pad.rpartition("/")[0]
    return pad or None


def declaratie_proef(*, user, declaratie: Declaratie) -> Proef:
    """Run the gemeente's checks (level 2 and levels 3/4) on a concept; saves nothing."""
    aanbieder = _eigen_concept(user, declaratie)
    vandaag = timezone.localdate()
    was = declaratie.dagtekening, declaratie.declaratie_nummer
    declaratie.dagtekening = vandaag
    declaratie.declaratie_nummer = declaratie.declaratie_nummer or PROEF
    prestaties, message = _bericht(
        declaratie,
        Header(
            afzender=aanbieder.agb_code,
            ontvanger=declaratie.gemeente.code,
            bericht_identificatie=BerichtIdentificatie(
                identificatie=PROEF, dagtekening=vandaag
            ),
        ),
    )
    declaratie.dagtekening, declaratie.declaratie_nummer = was
    inhoud = controleer_inhoud(message)
    controle = regels.controleer_declaratie(
        message, gemeente=declaratie.gemeente, aanbieder=aanbieder, eigen=declaratie
    )
    bevindingen = inhoud + controle.bevindingen

    pk_per_pad = {
        paden.prestatie(cnr, pnr): p.pk
        for cnr, (_bsn, regels) in enumerate(indeling(prestaties), start=1)
        for pnr, p in enumerate(regels, start=1)
    }
    proef = Proef(bevindingen=bevindingen, afgekeurd_op_inhoud=bool(inhoud))
    for b in bevindingen:
        pad = _prestatie_pad(b.pad, pk_per_pad)
        if pad is None:
            proef.declaratie.append(b)
        else:
            proef.per_prestatie.setdefault(pk_per_pad[pad], []).append(b)
    return proef


@transaction.atomic
def declaratie_indienen(*, user, declaratie: Declaratie) -> Bericht:
    """Number, encode, XSD-check and send the 323; in the portal the 325 comes back at once."""
    aanbieder = _eigen_concept(user, declaratie)
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if not declaratie.prestaties.exists():
        raise ApplicationError(
            "Een declaratie zonder regels kan niet worden verstuurd."
        )
    declaratie.declaratie_nummer = (
        declaratie.declaratie_nummer or nieuw_declaratienummer(aanbieder)
    )
    declaratie.dagtekening = timezone.localdate()
    prestaties, message = _bericht(
        declaratie,
        header(
            bericht_type="WMO323",
            afzender=aanbieder.agb_code,
            ontvanger=declaratie.gemeente.code,
        ),
    )
    declaratie.totaal_ingediend = saldo(prestaties)
    declaratie.aanbieder_vastleggen()  # the factuur keeps what it was sent with
    declaratie.save()

    bericht = bericht_versturen(message=message, user=user)

    declaratie.refresh_from_db()
    if (
        declaratie.is_concept
        and declaratie.bericht_id is None
        and bericht.status == BerichtStatus.IN_OUTBOX
    ):
        # The gemeente works outside the portal: the 325 comes later, by import.
        declaratie.status = DeclaratieStatus.INGEDIEND
        declaratie.bericht = bericht
        declaratie.ingediend_op = timezone.now()
        for naam, datum in termijnen(timezone.localdate()).items():
            setattr(declaratie, naam, datum)
        declaratie.save()
    return bericht
