"""Uitval: rejected lines as a share of the lines sent, per party and retourcode."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum

from declaraties.constants import (
    PrestatieStatus,
)
from rapportages.models import Maandcijfer
from rapportages.selectors.geld import prestaties_van_jaar
from rapportages.selectors.jaarcijfers import maandcijfers, uit_samenvatting
from rapportages.selectors.keuze import Keuze, partij_veld
from stamgegevens.models import Aanbieder, Gemeente


@dataclass
class UitvalRij:
    partij: object  # Aanbieder for a gemeente, Gemeente for an aanbieder
    retourcode: str  # "" for the party's total
    aantal: int  # rejected lines (with that code)
    ingediend: int  # lines sent by the party

    @property
    def percentage(self) -> float:
        return 100 * self.aantal / self.ingediend if self.ingediend else 0.0


def uitval(*, user, keuze: Keuze) -> list[UitvalRij]:
    """Rejected lines as a share of the lines sent, per party, and per party and
    retourcode (a line with two codes counts for each). One query, grouped by party,
    status and the list of codes (of the summary, or live past it)."""
    veld = partij_veld(user)
    if uit_samenvatting(keuze):
        rijen = (
            maandcijfers(user=user, keuze=keuze)
            .exclude(status__in=Maandcijfer.NIET_GEDECLAREERD)
            .values(f"{veld}_id", "status", "retourcodes")
            .annotate(n=Sum("aantal"))
            .order_by()
            .values_list(f"{veld}_id", "status", "retourcodes", "n")
        )
    else:
        rijen = (
            prestaties_van_jaar(user=user, keuze=keuze)
            .values(f"declaratie__{veld}_id", "status", "retourcodes")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list(f"declaratie__{veld}_id", "status", "retourcodes", "n")
        )
    ingediend: dict[int, int] = defaultdict(int)
    afgekeurd: dict[tuple[int, str], int] = defaultdict(int)
    for partij, status, codes, n in rijen:
        ingediend[partij] += n
        if status == PrestatieStatus.AFGEKEURD:
            afgekeurd[(partij, "")] += n
            for code in codes or []:
                afgekeurd[(partij, code)] += n
    model = Gemeente if user.is_aanbieder else Aanbieder
    namen = model.objects.only("naam").in_bulk(list(ingediend))
    return sorted(
        (
            UitvalRij(
                partij=namen[partij],
                retourcode=code,
                aantal=aantal,
                ingediend=ingediend[partij],
            )
            for (partij, code), aantal in afgekeurd.items()
        ),
        key=lambda r: (r.partij.naam, r.retourcode),
    )
