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


def _cellen(*, user, keuze: Keuze, met_toegewezen: bool) -> dict[Sleutel, Bedragen]:
    """The four amounts per (month, party, categorie), summed by the database."""
    veld = partij_veld(user)
    qs = maandcijfers(user=user, keuze=keuze)
    qs = qs.exclude(status=Maandcijfer.START)
    if not met_toegewezen:
        qs = qs.exclude(status=Maandcijfer.TOEGEWEZEN)
    toegewezen_q = Q(status=Maandcijfer.TOEGEWEZEN)
    rijen = (
        qs.values("maand", f"{veld}_id", "categorie")
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
        .values_list(
            "maand",
            f"{veld}_id",
            "categorie",
            "toegewezen",
            "ingediend",
            "toegekend",
            "afgekeurd",
        )
    )
    return {
        (maand, partij, categorie): Bedragen(*bedragen)
        for maand, partij, categorie, *bedragen in rijen
    }


def _cellen_live(
    *, user, keuze: Keuze, met_toegewezen: bool
) -> dict[Sleutel, Bedragen]:
    cellen: dict[Sleutel, Bedragen] = defaultdict(Bedragen)
    if met_toegewezen:
        for sleutel, bedrag in toegewezen(user=user, keuze=keuze).items():
            cellen[sleutel].toegewezen += bedrag
    for sleutel, bedragen in gedeclareerd(user=user, keuze=keuze).items():
        cellen[sleutel].optellen(bedragen)
    return cellen


@dataclass
class Financieel:
    per_maand: dict[date, Bedragen]
    per_partij: list[tuple[object, str, Bedragen]]  # (partij, categorie, bedragen)
    per_partij_maand: dict[tuple[int, date], Bedragen]
    jaar: Bedragen


def financieel(*, user, keuze: Keuze, met_toegewezen: bool = True) -> Financieel:
    """Every money figure of the year: per month, per party and categorie, and the
    year's total. From the summary: one query (plus one for the parties' names)."""
    if uit_samenvatting(keuze):
        cellen = _cellen(user=user, keuze=keuze, met_toegewezen=met_toegewezen)
    else:
        cellen = _cellen_live(user=user, keuze=keuze, met_toegewezen=met_toegewezen)

    per_maand = {maand: Bedragen() for maand in keuze.maanden}
    per_partij: dict[tuple[int, str], Bedragen] = defaultdict(Bedragen)
    per_partij_maand: dict[tuple[int, date], Bedragen] = defaultdict(Bedragen)
    jaar = Bedragen()
    for (maand, partij, categorie), bedragen in cellen.items():
        per_maand[maand].optellen(bedragen)
        per_partij[(partij, categorie)].optellen(bedragen)
        per_partij_maand[(partij, maand)].optellen(bedragen)
        jaar.optellen(bedragen)
    model = Gemeente if user.is_aanbieder else Aanbieder
    namen = model.objects.in_bulk({p for p, _ in per_partij})
    return Financieel(
        per_maand=per_maand,
        per_partij=sorted(
            ((namen[p], c, b) for (p, c), b in per_partij.items()),
            key=lambda r: (r[0].naam, r[1]),
        ),
        per_partij_maand=dict(per_partij_maand),
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
