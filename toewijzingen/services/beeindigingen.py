"""Ending a toewijzing (WMO301 with an einddatum): intrekking (R-T5), end of month
(R-T6), verhuizing (R-T7) and overlijden (R-T8)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from toewijzingen import regels
from toewijzingen.constants import (
    LeveringSoort,
    RedenBeeindiging,
    RedenWijziging,
)
from toewijzingen.models import (
    Toewijzing,
)
from toewijzingen.regels import weiger
from toewijzingen.selectors import (
    actuele_leveringen,
)
from toewijzingen.services.toewijzingen import (
    _opslaan_en_versturen,
    _te_wijzigen,
    _tr385,
)


def _beeindigen(
    user, toewijzing: Toewijzing, *, einddatum: date, reden_wijziging: str
) -> Toewijzing:
    weiger(
        regels.r_t6_einddatum_niet_later(
            huidige_einddatum=toewijzing.einddatum, nieuwe_einddatum=einddatum
        )
    )
    toewijzing.einddatum = einddatum
    toewijzing.reden_wijziging = reden_wijziging
    toewijzing.beeindigd_op = timezone.now()
    return _opslaan_en_versturen(user, toewijzing)


@transaction.atomic
def toewijzing_intrekken(
    *, user, toewijzing: Toewijzing, einddatum: date, reden_wijziging: str
) -> Toewijzing:
    """R-T5: the beschikking is withdrawn: a 301 with einddatum and reden wijziging."""
    toewijzing = _te_wijzigen(user, toewijzing)
    weiger(
        regels.r_t5_intrekking(
            reden_wijziging=reden_wijziging,
            ingangsdatum=toewijzing.ingangsdatum,
            einddatum=einddatum,
        ),
        _tr385(toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging),
    )
    return _beeindigen(
        user, toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging
    )


@transaction.atomic
def toewijzing_beeindigen(
    *, user, toewijzing: Toewijzing, reden_wijziging: str
) -> Toewijzing:
    """R-T6: ends on the last day of the month of sending."""
    toewijzing = _te_wijzigen(user, toewijzing)
    if not reden_wijziging:
        raise ApplicationError("Geef een reden wijziging (R-T6).", code="R-T6")
    einddatum = regels.r_t6_einddatum(timezone.localdate())
    return _beeindigen(
        user, toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging
    )


@transaction.atomic
def toewijzing_verhuizing(
    *, user, toewijzing: Toewijzing, reden_wijziging: str = RedenWijziging.VERHUIZING
) -> Toewijzing:
    """R-T7: verhuizing (07) or Wlz-instelling (06): ends two months ahead, end of month."""
    toewijzing = _te_wijzigen(user, toewijzing)
    weiger(regels.r_t7_reden(reden_wijziging))
    einddatum = regels.r_t7_einddatum(timezone.localdate())
    if toewijzing.einddatum is not None:
        einddatum = min(einddatum, toewijzing.einddatum)
    return _beeindigen(
        user, toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging
    )


@transaction.atomic
def toewijzing_overlijden_bevestigen(*, user, toewijzing: Toewijzing) -> Toewijzing:
    """R-T8: confirm the aanbieder's stop with reden 02 with a 301 ending on the
    last day of the month of the stop's einddatum."""
    toewijzing = _te_wijzigen(user, toewijzing)
    stops = [s for s in actuele_leveringen(toewijzing) if s.soort == LeveringSoort.STOP]
    weiger(regels.r_t8_overlijden_gemeld(stops))
    stop = max(
        (s for s in stops if s.reden_beeindiging == RedenBeeindiging.OVERLIJDEN),
        key=lambda s: s.einddatum,
    )
    einddatum = regels.r_t8_einddatum(stop.einddatum)
    if toewijzing.einddatum is not None:
        einddatum = min(einddatum, toewijzing.einddatum)
    return _beeindigen(
        user,
        toewijzing,
        einddatum=einddatum,
        reden_wijziging=RedenWijziging.CLIENT_OVERLEDEN,
    )
