"""Cliënten in zorg per categorie over the months, and toewijzingen ending soon."""

from datetime import date

from django.db.models import (
    Count,
    Q,
)

from declaraties.constants import (
    VERWIJDERD,
)
from rapportages.selectors.geld import toewijzingen_van_jaar
from rapportages.selectors.keuze import EINDIGT_BINNEN, Keuze, maand_eind, partijen_q
from toewijzingen.models import Toewijzing

# --- cliënten in zorg -----------------------------------------------------------------


def clienten_in_zorg(*, user, keuze: Keuze) -> dict[str, dict[date, int]]:
    """Distinct cliënten with a valid toewijzing in each month, per categorie. One
    query: a filtered distinct count per month."""
    qs = toewijzingen_van_jaar(user=user, keuze=keuze)
    tellingen = {
        f"m{maand.month}": Count(
            "client_id",
            distinct=True,
            filter=Q(ingangsdatum__lte=maand_eind(maand))
            & (Q(einddatum__isnull=True) | Q(einddatum__gte=maand)),
        )
        for maand in keuze.maanden
    }
    uit: dict[str, dict[date, int]] = {}
    for rij in qs.values("product__categorie").annotate(**tellingen).order_by():
        uit[rij["product__categorie"]] = {
            maand: rij[f"m{maand.month}"] for maand in keuze.maanden
        }
    return dict(sorted(uit.items()))


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
