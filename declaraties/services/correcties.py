"""Crediting and correcting sent lines (R-D5, OP366, TR323)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from declaraties import regels
from declaraties.constants import (
    EURO,
    DebetCredit,
    PrestatieStatus,
)
from declaraties.models import Declaratie, Prestatie
from declaraties.services.voorstellen import (
    _bedrag,
    _bij_totaal,
    _concept,
    _eigen,
    _nieuwe_regel,
    _producttarief,
    _tarief,
    declaratieperiode,
)
from stamgegevens.models import Aanbieder

# --- crediting and correcting (R-D5, OP366, TR323) ------------------------------------


def _correctieperiode(prestatie: Prestatie) -> date:
    """A credit or correction goes in the last month that has ended, or later."""
    vorige_maand = regels.maand_begin(
        regels.maand_begin(timezone.localdate()) - timedelta(days=1)
    )
    return declaratieperiode(
        prestatie.aanbieder, prestatie.declaratie.gemeente, vorige_maand
    )


def _eigen_prestatie(user, prestatie: Prestatie) -> Aanbieder:
    aanbieder = _eigen(user, prestatie.declaratie)
    if prestatie.is_credit:
        raise ApplicationError(
            "Een creditregel kan niet worden gecrediteerd of gecorrigeerd."
        )
    return aanbieder


def _crediteer(prestatie: Prestatie, concept: Declaratie) -> Prestatie:
    if prestatie.status != PrestatieStatus.GOEDGEKEURD:
        raise ApplicationError(
            "Alleen een goedgekeurde debetregel kan worden gecrediteerd (TR323); "
            "een afgekeurde regel corrigeert u met een nieuwe regel.",
            code="TR323",
        )
    if prestatie.gecrediteerd_door is not None:
        raise ApplicationError("Deze regel is al gecrediteerd (TR390).", code="TR390")
    return _opvolger(
        prestatie,
        concept,
        vorig_referentie_nummer=prestatie.product_referentie,
        debet_credit=DebetCredit.CREDIT,
    )


# The fields a credit or a correction takes over from the line before it.
OVERGENOMEN = [
    "client",
    "bsn",
    "toewijzing",
    "toewijzing_nummer",
    "product_categorie",
    "product_code",
    "begindatum",
    "einddatum",
    "geleverd_volume",
    "eenheid",
    "product_tarief",
    "ingediend_bedrag",
]


def _opvolger(prestatie: Prestatie, concept: Declaratie, **anders) -> Prestatie:
    """A new line after `prestatie` in the chain: a copy with `anders` changed."""
    velden = {naam: getattr(prestatie, naam) for naam in OVERGENOMEN}
    return _nieuwe_regel(concept, vorig_referentie=prestatie, **(velden | anders))


@transaction.atomic
def prestatie_crediteren(*, user, prestatie: Prestatie) -> Prestatie:
    """A full credit of an approved debet line, in a concept declaratie (CD060, TR323)."""
    aanbieder = _eigen_prestatie(user, prestatie)
    concept = _concept(
        aanbieder, prestatie.declaratie.gemeente, _correctieperiode(prestatie), user
    )
    credit = _crediteer(prestatie, concept)
    _bij_totaal(concept)
    return credit


@transaction.atomic
def prestatie_corrigeren(
    *,
    user,
    prestatie: Prestatie,
    geleverd_volume: int | None = None,
    begindatum: date | None = None,
    einddatum: date | None = None,
) -> Prestatie:
    """A corrected debet line in a concept declaratie (new DeclaratieNummer on sending, R-D5).

    An approved line is credited first, in the same declaratie (OP366: the gemeente
    processes credit before debet); a rejected line was never approved and is only
    sent again (a credit of it would be refused with 8017).
    """
    aanbieder = _eigen_prestatie(user, prestatie)
    if prestatie.status == PrestatieStatus.CONCEPT:
        raise ApplicationError(
            "Een conceptregel wijzigt u in de conceptdeclaratie zelf."
        )
    if prestatie.vervangen_door is not None:
        raise ApplicationError("Deze regel is al gecorrigeerd.", code="gecorrigeerd")
    concept = _concept(
        aanbieder, prestatie.declaratie.gemeente, _correctieperiode(prestatie), user
    )
    if (
        prestatie.status == PrestatieStatus.GOEDGEKEURD
        and prestatie.gecrediteerd_door is None
    ):
        _crediteer(prestatie, concept)
    volume = prestatie.geleverd_volume if geleverd_volume is None else geleverd_volume
    toewijzing = prestatie.toewijzing
    begin = begindatum or prestatie.begindatum
    tarief = prestatie.product_tarief
    if toewijzing is not None and prestatie.eenheid != EURO:
        # TR418: the contract's tarief of the line's own ProductPeriode decides.
        tarief = _tarief(toewijzing, begin) or tarief
    # vorig_referentie is the chain only: a debet line sends no VorigReferentieNummer.
    nieuw = _opvolger(
        prestatie,
        concept,
        begindatum=begin,
        einddatum=einddatum or prestatie.einddatum,
        geleverd_volume=volume,
        product_tarief=_producttarief(tarief),
        ingediend_bedrag=_bedrag(volume, prestatie.eenheid, tarief),
    )
    _bij_totaal(concept)
    return nieuw
