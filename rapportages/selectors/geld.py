"""Money per month, party and categorie (toegewezen, ingediend, toegekend,
afgekeurd) and the uitputting of budgets with its forecast."""

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BigIntegerField,
    Case,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    When,
)
from django.db.models.functions import TruncMonth

from declaraties.constants import (
    VERWIJDERD,
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.models import Prestatie
from rapportages.bedragen import tarief_voor
from rapportages.selectors.keuze import (
    PER_DAG,
    PER_MAAND,
    PER_WEEK,
    Keuze,
    maand_eind,
    partij_veld,
    partijen_q,
)
from stamgegevens.models import Contract
from toewijzingen.models import Toewijzing

# --- money per month --------------------------------------------------------------


@dataclass
class Bedragen:
    toegewezen: int = 0
    ingediend: int = 0
    toegekend: int = 0
    afgekeurd: int = 0

    def optellen(self, ander: "Bedragen") -> None:
        self.toegewezen += ander.toegewezen
        self.ingediend += ander.ingediend
        self.toegekend += ander.toegekend
        self.afgekeurd += ander.afgekeurd


Sleutel = tuple[date, int, str]  # (maand, partij id, categorie)


def _spreiden(
    som: int, frequentie: str, begin: date, eind: date, keuze: Keuze
) -> dict[date, float]:
    """An omvang of `som` eurocent per `frequentie` over [begin, eind], per month of
    the year. Per dag and per week count the days in the month; per maand the share
    of the month's days; a total (or a budget) falls in the month it starts."""
    uit: dict[date, float] = {}
    if frequentie not in (PER_DAG, PER_WEEK, PER_MAAND):
        if keuze.begin <= begin <= keuze.eind:
            uit[begin.replace(day=1)] = som
        return uit
    van, tot = begin.toordinal(), eind.toordinal()
    for maand, eerste, laatste in _grenzen(keuze.jaar):
        dagen = min(tot, laatste) - max(van, eerste) + 1
        if dagen <= 0:
            continue
        if frequentie == PER_DAG:
            uit[maand] = som * dagen
        elif frequentie == PER_WEEK:
            uit[maand] = som * dagen / 7
        else:
            uit[maand] = som * dagen / (laatste - eerste + 1)
    return uit


@functools.cache
def _grenzen(jaar: int) -> tuple[tuple[date, int, int], ...]:
    """Each month of the year with its first and last day as ordinals."""
    return tuple(
        (maand, maand.toordinal(), maand_eind(maand).toordinal())
        for maand in (date(jaar, m, 1) for m in range(1, 13))
    )


def toewijzingen_van_jaar(*, user, keuze: Keuze, qs=None):
    """Toewijzingen valid in some part of the year (removed ones (TR384) left out),
    of those the user sees (or of `qs`)."""
    qs = (
        (Toewijzing.objects.visible_to(user) if qs is None else qs)
        .filter(partijen_q(keuze), ingangsdatum__lte=keuze.eind)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=keuze.begin))
        .exclude(reden_wijziging=VERWIJDERD)
    )
    if keuze.categorie:
        qs = qs.filter(product__categorie=keuze.categorie)
    return qs


def toegewezen(*, user, keuze: Keuze) -> dict[Sleutel, int]:
    """Toegewezen (volume × tarief, or the budget) per month, aanbieder and categorie,
    over the validity of the toewijzingen (removed ones (TR384) left out). One query."""
    return toegewezen_van(
        toewijzingen_van_jaar(user=user, keuze=keuze),
        keuze=keuze,
        veld=partij_veld(user),
    )


def toegewezen_van(qs, *, keuze: Keuze, veld: str) -> dict[Sleutel, int]:
    """`toegewezen` of the toewijzingen `qs` (of the year), per month, `veld`
    ("aanbieder" or "gemeente") and categorie."""
    groepen = (
        qs.annotate(tarief=tarief_voor(keuze.begin))
        .values(
            f"{veld}_id",
            "product__categorie",
            "frequentie",
            "ingangsdatum",
            "einddatum",
        )
        .annotate(
            som=Sum(
                ExpressionWrapper(
                    F("volume") * F("tarief"), output_field=BigIntegerField()
                )
            ),
            budget_som=Sum("budget"),
        )
        .values_list(
            f"{veld}_id",
            "product__categorie",
            "frequentie",
            "ingangsdatum",
            "einddatum",
            "som",
            "budget_som",
        )
        .order_by()
    )
    totaal: dict[Sleutel, float] = defaultdict(float)
    for partij, categorie, frequentie, begin, eind, som, budget_som in groepen:
        eind = eind or keuze.eind
        for maand, bedrag in _spreiden(
            som or 0, frequentie, begin, eind, keuze
        ).items():
            totaal[(maand, partij, categorie)] += bedrag
        for maand, bedrag in _spreiden(budget_som or 0, "", begin, eind, keuze).items():
            totaal[(maand, partij, categorie)] += bedrag
    return {sleutel: round(bedrag) for sleutel, bedrag in totaal.items() if bedrag}


def getekend(veld: str = "ingediend_bedrag"):
    return Case(
        When(debet_credit=DebetCredit.CREDIT, then=-F(veld)),
        default=F(veld),
        output_field=BigIntegerField(),
    )


def prestaties_van_jaar(*, user, keuze: Keuze):
    """Sent lines of the year (by the month of their productperiode)."""
    qs = (
        Prestatie.objects.visible_to(user)
        .exclude(declaratie__status=DeclaratieStatus.CONCEPT)
        .filter(partijen_q(keuze, "declaratie__"))
        .filter(begindatum__gte=keuze.begin, begindatum__lte=keuze.eind)
    )
    if keuze.categorie:
        qs = qs.filter(product_categorie=keuze.categorie)
    return qs


def gedeclareerd(*, user, keuze: Keuze) -> dict[Sleutel, Bedragen]:
    """Ingediend, toegekend and afgekeurd (eurocent, credit negative) per month,
    party and categorie. One query."""
    veld = partij_veld(user)
    rijen = (
        prestaties_van_jaar(user=user, keuze=keuze)
        .annotate(maand=TruncMonth("begindatum"))
        .values("maand", f"declaratie__{veld}_id", "product_categorie", "status")
        .annotate(bedrag=Sum(getekend()))
        .order_by()
    )
    uit: dict[Sleutel, Bedragen] = defaultdict(Bedragen)
    for rij in rijen:
        maand = rij["maand"]
        maand = maand.date() if hasattr(maand, "date") else maand
        b = uit[(maand, rij[f"declaratie__{veld}_id"], rij["product_categorie"])]
        b.ingediend += rij["bedrag"]
        if rij["status"] == PrestatieStatus.GOEDGEKEURD:
            b.toegekend += rij["bedrag"]
        elif rij["status"] == PrestatieStatus.AFGEKEURD:
            b.afgekeurd += rij["bedrag"]
    return uit


# --- budget ------------------------------------------------------------------------


@dataclass
class Uitputting:
    contract: Contract
    budget: int
    toegekend: int
    prognose: int

    @property
    def percentage(self) -> float:
        return 100 * self.toegekend / self.budget if self.budget else 0.0

    @property
    def prognose_percentage(self) -> float:
        return 100 * self.prognose / self.budget if self.budget else 0.0


def prognose(toegekend: int, jaar: int, vandaag: date) -> int:
    """A straight line to the year's end: the amount so far, per day elapsed, times
    the days of the year. A past year is what it is; a future year has no line yet."""
    begin, eind = date(jaar, 1, 1), date(jaar, 12, 31)
    if vandaag >= eind:
        return toegekend
    if vandaag < begin:
        return toegekend
    verstreken = (vandaag - begin).days + 1
    return round(toegekend * ((eind - begin).days + 1) / verstreken)
