"""Cliënten in zorg per categorie over the months, and toewijzingen ending soon."""

from datetime import date

from declaraties.constants import (
    VERWIJDERD,
)
from rapportages import samenvatting
from rapportages.selectors.geld import toewijzingen_van_jaar
from rapportages.selectors.jaarcijfers import uit_samenvatting
from rapportages.selectors.keuze import EINDIGT_BINNEN, Keuze, partijen_q
from toewijzingen.models import Toewijzing


def clienten_in_zorg(*, user, keuze: Keuze) -> dict[str, dict[date, int]]:
    """Distinct cliënten with a valid toewijzing in each month, per categorie.

    A whole gemeente's count is kept (rapportages.ZorgTelling, rebuilt after a
    change of its pairs); with one aanbieder, or for an aanbieder, it is counted
    here (a small part of the toewijzingen)."""
    if user.is_gemeente and keuze.aanbieder is None and uit_samenvatting(keuze):
        samenvatting.bijwerken(user=user)
        telling = samenvatting.zorgtelling(
            gemeente_id=user.gemeente_id, jaar=keuze.jaar
        )
        return {
            categorie: dict(zip(keuze.maanden, aantallen, strict=True))
            for categorie, aantallen in sorted(telling.items())
            if not keuze.categorie or categorie == keuze.categorie
        }
    return samenvatting.clienten_telling(
        toewijzingen_van_jaar(user=user, keuze=keuze), keuze
    )


# --- the aanbieder's attention list --------------------------------------------------


def eindigend(*, user, keuze: Keuze, vandaag: date, aantal: int = 50):
    """Toewijzingen that end within 8 weeks from today, soonest first (at most
    `aantal`), and how many there are."""
    qs = (
        Toewijzing.objects.visible_to(user)
        .filter(partijen_q(keuze))
        .filter(
            einddatum__gte=vandaag,
            einddatum__lte=vandaag + EINDIGT_BINNEN,
            beeindigd_op__isnull=True,
        )
        .exclude(reden_wijziging=VERWIJDERD)
    )
    if keuze.categorie:
        qs = qs.filter(product__categorie=keuze.categorie)
    eerste = list(
        qs.select_related("client", "product", "gemeente").order_by(
            "einddatum", "toewijzing_nummer"
        )[:aantal]
    )
    return eerste, qs.count()
