"""Start and stop zorg (WMO305/WMO307) by the aanbieder, and recording them."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from berichten.models import Bericht
from toewijzingen import mappers, regels
from toewijzingen.constants import (
    LeveringSoort,
    StatusAanlevering,
)
from toewijzingen.models import (
    Levering,
    Toewijzing,
)
from toewijzingen.regels import weiger
from toewijzingen.selectors import (
    actuele_leveringen,
)
from toewijzingen.services.gedeeld import _eis_aanbieder, _header, _verstuurd


def levering_vastleggen(*, levering: Levering, bericht: Bericht | None) -> Levering:
    """Record a checked aanlevering; status 3 marks the actual one with its key vervallen.
    Idempotent per Bericht: the handler and the sender may both call it."""
    if bericht is not None:
        bestaand = Levering.objects.filter(
            bericht=bericht, soort=levering.soort
        ).first()
        if bestaand is not None:
            return bestaand
    if levering.status_aanlevering == StatusAanlevering.VERWIJDEREN:
        doel = (
            Levering.objects.filter(
                toewijzing=levering.toewijzing,
                soort=levering.soort,
                begindatum=levering.begindatum,
                status_aanlevering=StatusAanlevering.EERSTE,
                vervallen=False,
            )
            .order_by("-id")
            .first()
        )
        if doel is not None:
            doel.vervallen = True
            doel.save(update_fields=["vervallen"])
    levering.bericht = bericht
    levering.save()
    return levering


def _levering_melden(user, levering: Levering) -> Levering:
    toewijzing = levering.toewijzing
    _eis_aanbieder(user, toewijzing.aanbieder_id)
    vandaag = timezone.localdate()
    weiger(
        regels.tr134_niet_na_dagtekening(levering.begindatum, vandaag),
        regels.tr134_niet_na_dagtekening(levering.einddatum, vandaag),
        *regels.levering_overtredingen(levering, actuele_leveringen(toewijzing)),
    )
    kop = _header(
        "WMO305" if levering.soort == LeveringSoort.START else "WMO307",
        toewijzing.gemeente,
        toewijzing.aanbieder,
    )
    bouw = mappers.wmo305 if levering.soort == LeveringSoort.START else mappers.wmo307
    bericht = _verstuurd(bouw(header=kop, levering=levering), user=user)
    return levering_vastleggen(levering=levering, bericht=bericht)


@transaction.atomic
def start_zorg_melden(
    *,
    user,
    toewijzing: Toewijzing,
    begindatum: date,
    status_aanlevering: str = StatusAanlevering.EERSTE,
) -> Levering:
    """WMO305 (R-S1). Status 3 deletes an earlier start with this begindatum (OP033)."""
    levering = Levering(
        toewijzing=toewijzing,
        soort=LeveringSoort.START,
        begindatum=begindatum,
        status_aanlevering=status_aanlevering,
    )
    return _levering_melden(user, levering)


@transaction.atomic
def stop_zorg_melden(
    *,
    user,
    toewijzing: Toewijzing,
    begindatum: date,
    einddatum: date,
    reden_beeindiging: str,
    status_aanlevering: str = StatusAanlevering.EERSTE,
) -> Levering:
    """WMO307 (R-S2, TR413–TR415); `begindatum` is that of the start being stopped."""
    levering = Levering(
        toewijzing=toewijzing,
        soort=LeveringSoort.STOP,
        begindatum=begindatum,
        einddatum=einddatum,
        reden_beeindiging=reden_beeindiging,
        status_aanlevering=status_aanlevering,
    )
    return _levering_melden(user, levering)
