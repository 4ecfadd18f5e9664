"""The money figures of a year, read from the summary (`Maandcijfer`).

The summary is brought up to date for the user's pairs first
(rapportages.samenvatting.bijwerken); a year past the summary is computed live
from the toewijzingen and Prestaties (rapportages.selectors.geld), with the same
result.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, Sum
from django.utils import timezone

from declaraties.constants import PrestatieStatus
from rapportages import samenvatting
from rapportages.models import Budget, Maandcijfer
from rapportages.selectors.geld import (
    Bedragen,
    Sleutel,
    Uitputting,
    gedeclareerd,
    getekend,
    prestaties_van_jaar,
    prognose,
    toegewezen,
)
from rapportages.selectors.keuze import Keuze, partij_veld, partijen_q
from stamgegevens.models import Aanbieder, Gemeente


def uit_samenvatting(keuze: Keuze) -> bool:
    """Whether the summary holds the year (always up to the current year)."""
    return keuze.jaar <= timezone.localdate().year


def maandcijfers(*, user, keuze: Keuze):
    """The user's summary rows of the year (filtered as the dashboard is), with the
    stale pairs the user sees rebuilt first."""
    samenvatting.bijwerken(user=user)
    qs = Maandcijfer.objects.visible_to(user).filter(
        partijen_q(keuze), maand__gte=keuze.begin, maand__lte=keuze.eind
    )
    if keuze.categorie:
        qs = qs.filter(categorie=keuze.categorie)
    return qs


def _sommen(qs, *groep: str) -> dict[tuple, Bedragen]:
    """The four amounts of the summary rows `qs` summed by the database per
    `groep` (fields of Maandcijfer)."""
    toegewezen_q = Q(status=Maandcijfer.TOEGEWEZEN)
    rijen = (
        qs.values(*groep)
        .annotate(
            toegewezen=Sum("bedrag", filter=toegewezen_q, default=0),
            ingediend=Sum("bedrag", filter=~toegewezen_q, default=0),
            toegekend=Sum(
                "bedrag", filter=Q(status=PrestatieStatus.GOEDGEKEURD), default=0
            ),
            afgekeurd=Sum(
                "bedrag", filter=Q(status=PrestatieStatus.AFGEKEURD), default=0
            ),
        )
        .order_by()
        .values_list(*groep, "toegewezen", "ingediend", "toegekend", "afgekeurd")
    )
    n = len(groep)
    return {tuple(rij[:n]): Bedragen(*rij[n:]) for rij in rijen}


def _som_uit_samenvatting(*, user, keuze: Keuze, met_toegewezen: bool):
    """A function giving the amounts per part of the key (0 maand, 1 party,
    2 categorie), each grouped by the database (a few dozen to a few hundred
    rows, not one per month, party and categorie)."""
    qs = maandcijfers(user=user, keuze=keuze).exclude(status=Maandcijfer.START)
    if not met_toegewezen:
        qs = qs.exclude(status=Maandcijfer.TOEGEWEZEN)
    velden = ("maand", f"{partij_veld(user)}_id", "categorie")
    return lambda *delen: _sommen(qs, *(velden[i] for i in delen))


def _som_live(*, user, keuze: Keuze, met_toegewezen: bool):
    """As `_som_uit_samenvatting`, computed from the toewijzingen and Prestaties
    (a year past the summary)."""
    cellen: dict[Sleutel, Bedragen] = defaultdict(Bedragen)
    if met_toegewezen:
        for sleutel, bedrag in toegewezen(user=user, keuze=keuze).items():
            cellen[sleutel].toegewezen += bedrag
    for sleutel, bedragen in gedeclareerd(user=user, keuze=keuze).items():
        cellen[sleutel].optellen(bedragen)

    def som(*delen: int) -> dict[tuple, Bedragen]:
        uit: dict[tuple, Bedragen] = defaultdict(Bedragen)
        for sleutel, bedragen in cellen.items():
            uit[tuple(sleutel[i] for i in delen)].optellen(bedragen)
        return dict(uit)

    return som


@dataclass
class Financieel:
    per_maand: dict[date, Bedragen]
    per_partij: list[tuple[object, str, Bedragen]]  # (partij, categorie, bedragen)
    per_partij_maand: dict[tuple[int, date], Bedragen]  # only when asked for
    jaar: Bedragen


def financieel(
    *,
    user,
    keuze: Keuze,
    met_toegewezen: bool = True,
    met_partij_maand: bool = False,
) -> Financieel:
    """Every money figure of the year: per month, per party and categorie (and per
    party and month with `met_partij_maand`), and the year's total. From the
    summary: one grouped query each (plus one for the parties' names)."""
    maak = _som_uit_samenvatting if uit_samenvatting(keuze) else _som_live
    som = maak(user=user, keuze=keuze, met_toegewezen=met_toegewezen)
    per_maand = {maand: Bedragen() for maand in keuze.maanden}
    for (maand,), bedragen in som(0).items():
        per_maand[maand] = bedragen
    jaar = Bedragen()
    for bedragen in per_maand.values():
        jaar.optellen(bedragen)
    per_partij = som(1, 2)
    model = Gemeente if user.is_aanbieder else Aanbieder
    namen = model.objects.only("naam").in_bulk({p for p, _ in per_partij})
    return Financieel(
        per_maand=per_maand,
        per_partij=sorted(
            ((namen[p], c, b) for (p, c), b in per_partij.items()),
            key=lambda r: (r[0].naam, r[1]),
        ),
        per_partij_maand=som(1, 0) if met_partij_maand else {},
        jaar=jaar,
    )


def uitputting(*, user, keuze: Keuze, vandaag: date) -> list[Uitputting]:
    """Per contract with a budget for the year: toegekend (approved lines of its
    toewijzingen in that year) against the budget, and the forecast. Two queries
    (the second on the summary)."""
    budgetten = (
        Budget.objects.visible_to(user)
        .filter(jaar=keuze.jaar)
        .filter(partijen_q(keuze, "contract__"))
        .select_related("contract__aanbieder", "contract__gemeente", "contract__regio")
    )
    budgetten = {b.contract_id: b for b in budgetten}
    if not budgetten:
        return []
    if uit_samenvatting(keuze):
        qs = maandcijfers(user=user, keuze=keuze).filter(
            status=PrestatieStatus.GOEDGEKEURD, contract_id__in=list(budgetten)
        )
        rijen = qs.values("contract_id").annotate(bedrag=Sum("bedrag"))
    else:
        qs = prestaties_van_jaar(user=user, keuze=keuze).filter(
            status=PrestatieStatus.GOEDGEKEURD,
            toewijzing__contract_id__in=list(budgetten),
        )
        rijen = qs.values(contract_id=F("toewijzing__contract_id")).annotate(
            bedrag=Sum(getekend())
        )
    toegekend = dict(rijen.order_by().values_list("contract_id", "bedrag"))
    return [
        Uitputting(
            contract=b.contract,
            budget=b.bedrag,
            toegekend=toegekend.get(pk, 0),
            prognose=prognose(toegekend.get(pk, 0), keuze.jaar, vandaag),
        )
        for pk, b in sorted(budgetten.items(), key=lambda i: i[1].contract.nummer)
    ]
