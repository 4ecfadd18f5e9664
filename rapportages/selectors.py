"""The dashboards' figures, always scoped to the user.

Every figure is an aggregate the database groups (GROUP BY): each function runs a
fixed number of queries whatever the amount of data; Python only spreads the groups
over months or turns counts into percentiles.
"""

import calendar
import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth

from core.werkdagen import werkdagen_tussen
from declaraties.constants import (
    VERWIJDERD,
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.models import Declaratie, Prestatie
from rapportages.bedragen import tarief_voor
from rapportages.models import Budget
from stamgegevens.models import Aanbieder, Contract, Gemeente
from toewijzingen.constants import LeveringSoort, StatusAanlevering, VerzoekSoort
from toewijzingen.models import Levering, Toewijzing, Verzoek

PER_DAG, PER_WEEK, PER_MAAND = "1", "2", "4"
EINDIGT_BINNEN = timedelta(weeks=8)


@dataclass(frozen=True)
class Keuze:
    """What the dashboard shows: a year, and optionally one party and one categorie."""

    jaar: int
    aanbieder: Aanbieder | None = None
    gemeente: Gemeente | None = None
    categorie: str = ""

    @property
    def maanden(self) -> list[date]:
        return [date(self.jaar, m, 1) for m in range(1, 13)]

    @property
    def begin(self) -> date:
        return date(self.jaar, 1, 1)

    @property
    def eind(self) -> date:
        return date(self.jaar, 12, 31)


def _maand_eind(maand: date) -> date:
    return maand.replace(day=calendar.monthrange(maand.year, maand.month)[1])


def _partij_veld(user) -> str:
    """The other party, whose figures a user compares: aanbieders for a gemeente."""
    return "gemeente" if user.is_aanbieder else "aanbieder"


def _partijen(keuze: Keuze, pad: str = "") -> Q:
    q = Q()
    if keuze.aanbieder is not None:
        q &= Q(**{f"{pad}aanbieder": keuze.aanbieder})
    if keuze.gemeente is not None:
        q &= Q(**{f"{pad}gemeente": keuze.gemeente})
    return q


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
        (maand, maand.toordinal(), _maand_eind(maand).toordinal())
        for maand in (date(jaar, m, 1) for m in range(1, 13))
    )


def _toewijzingen(*, user, keuze: Keuze):
    """Toewijzingen valid in some part of the year (removed ones (TR384) left out)."""
    qs = (
        Toewijzing.objects.visible_to(user)
        .filter(_partijen(keuze), ingangsdatum__lte=keuze.eind)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=keuze.begin))
        .exclude(reden_wijziging=VERWIJDERD)
    )
    if keuze.categorie:
        qs = qs.filter(product__categorie=keuze.categorie)
    return qs


def toegewezen(*, user, keuze: Keuze) -> dict[Sleutel, int]:
    """Toegewezen (volume × tarief, or the budget) per month, aanbieder and categorie,
    over the validity of the toewijzingen (removed ones (TR384) left out). One query."""
    qs = _toewijzingen(user=user, keuze=keuze)
    veld = _partij_veld(user)
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


def _getekend(veld: str = "ingediend_bedrag"):
    return Case(
        When(debet_credit=DebetCredit.CREDIT, then=-F(veld)),
        default=F(veld),
        output_field=BigIntegerField(),
    )


def _prestaties(*, user, keuze: Keuze):
    """Sent lines of the year (by the month of their productperiode)."""
    qs = (
        Prestatie.objects.visible_to(user)
        .exclude(declaratie__status=DeclaratieStatus.CONCEPT)
        .filter(_partijen(keuze, "declaratie__"))
        .filter(begindatum__gte=keuze.begin, begindatum__lte=keuze.eind)
    )
    if keuze.categorie:
        qs = qs.filter(product_categorie=keuze.categorie)
    return qs


def gedeclareerd(*, user, keuze: Keuze) -> dict[Sleutel, Bedragen]:
    """Ingediend, toegekend and afgekeurd (eurocent, credit negative) per month,
    party and categorie. One query."""
    veld = _partij_veld(user)
    rijen = (
        _prestaties(user=user, keuze=keuze)
        .annotate(maand=TruncMonth("begindatum"))
        .values("maand", f"declaratie__{veld}_id", "product_categorie", "status")
        .annotate(bedrag=Sum(_getekend()))
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


@dataclass
class Financieel:
    per_maand: dict[date, Bedragen]
    per_partij: list[tuple[object, str, Bedragen]]  # (partij, categorie, bedragen)
    per_partij_maand: dict[tuple[int, date], Bedragen]
    jaar: Bedragen


def financieel(*, user, keuze: Keuze, met_toegewezen: bool = True) -> Financieel:
    """Every money figure of the year: per month, per party and categorie, and the
    year's total. Two queries plus one for the parties' names."""
    cellen: dict[Sleutel, Bedragen] = defaultdict(Bedragen)
    if met_toegewezen:
        for sleutel, bedrag in toegewezen(user=user, keuze=keuze).items():
            cellen[sleutel].toegewezen += bedrag
    for sleutel, bedragen in gedeclareerd(user=user, keuze=keuze).items():
        cellen[sleutel].optellen(bedragen)

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


def uitputting(*, user, keuze: Keuze, vandaag: date) -> list[Uitputting]:
    """Per contract with a budget for the year: toegekend (approved lines of its
    toewijzingen in that year) against the budget, and the forecast. Two queries."""
    budgetten = (
        Budget.objects.visible_to(user)
        .filter(jaar=keuze.jaar)
        .filter(_partijen(keuze, "contract__"))
        .select_related("contract__aanbieder", "contract__gemeente", "contract__regio")
    )
    budgetten = {b.contract_id: b for b in budgetten}
    if not budgetten:
        return []
    qs = _prestaties(user=user, keuze=keuze).filter(
        status=PrestatieStatus.GOEDGEKEURD,
        toewijzing__contract_id__in=list(budgetten),
    )
    toegekend = dict(
        qs.values("toewijzing__contract_id")
        .annotate(bedrag=Sum(_getekend()))
        .order_by()
        .values_list("toewijzing__contract_id", "bedrag")
    )
    return [
        Uitputting(
            contract=b.contract,
            budget=b.bedrag,
            toegekend=toegekend.get(pk, 0),
            prognose=prognose(toegekend.get(pk, 0), keuze.jaar, vandaag),
        )
        for pk, b in sorted(budgetten.items(), key=lambda i: i[1].contract.nummer)
    ]


# --- cliënten in zorg -----------------------------------------------------------------


def clienten_in_zorg(*, user, keuze: Keuze) -> dict[str, dict[date, int]]:
    """Distinct cliënten with a valid toewijzing in each month, per categorie. One
    query: a filtered distinct count per month."""
    qs = _toewijzingen(user=user, keuze=keuze)
    tellingen = {
        f"m{maand.month}": Count(
            "client_id",
            distinct=True,
            filter=Q(ingangsdatum__lte=_maand_eind(maand))
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


# --- doorlooptijden ------------------------------------------------------------------


def percentiel(telling: dict[int, int], p: float) -> int | None:
    """Nearest rank: the smallest value with at least p % of the cases at or below it.
    `telling` maps a value to how often it occurs."""
    n = sum(telling.values())
    if not n:
        return None
    rang = max(1, math.ceil(p / 100 * n))
    gezien = 0
    for waarde in sorted(telling):
        gezien += telling[waarde]
        if gezien >= rang:
            return waarde
    return None  # pragma: no cover


@dataclass
class Doorlooptijd:
    naam: str
    telling: dict[int, int] = field(default_factory=dict)

    @property
    def aantal(self) -> int:
        return sum(self.telling.values())

    @property
    def mediaan(self) -> int | None:
        return percentiel(self.telling, 50)

    @property
    def p90(self) -> int | None:
        return percentiel(self.telling, 90)


def _in_werkdagen(paren) -> dict[int, int]:
    """(begin, eind, aantal) grouped by the database → werkdagen → how often."""
    telling: dict[int, int] = defaultdict(int)
    for begin, eind, aantal in paren:
        telling[werkdagen_tussen(begin, eind)] += aantal
    return dict(telling)


def doorlooptijden(*, user, keuze: Keuze) -> list[Doorlooptijd]:
    """315 → 301/319, 301 → 305 (start), 323 → 325 in werkdagen, of the year in
    which the first message came. Three queries, grouped by (begin, eind) date."""
    verzoeken = (
        Verzoek.objects.visible_to(user)
        .filter(_partijen(keuze), soort=VerzoekSoort.TOEWIJZING)
        .filter(beantwoord_op__isnull=False, ingediend_op__year=keuze.jaar)
    )
    starts = (
        Levering.objects.visible_to(user)
        .filter(_partijen(keuze, "toewijzing__"), soort=LeveringSoort.START)
        .filter(status_aanlevering=StatusAanlevering.EERSTE, vervallen=False)
        .filter(toewijzing__toewijzingsdatum__year=keuze.jaar)
    )
    declaraties = (
        Declaratie.objects.visible_to(user)
        .filter(_partijen(keuze))
        .filter(beantwoord_op__isnull=False, ingediend_op__year=keuze.jaar)
    )
    if keuze.categorie:
        verzoeken = verzoeken.filter(producten__product__categorie=keuze.categorie)
        starts = starts.filter(toewijzing__product__categorie=keuze.categorie)
        declaraties = declaraties.filter(
            pk__in=Prestatie.objects.filter(product_categorie=keuze.categorie).values(
                "declaratie_id"
            )
        )

    def paren(qs, begin, eind):
        return (
            qs.annotate(b=begin, e=eind)
            .values("b", "e")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
            .values_list("b", "e", "n")
        )

    return [
        Doorlooptijd(
            "Verzoek om toewijzing (315) → antwoord (301/319)",
            _in_werkdagen(
                paren(verzoeken, TruncDate("ingediend_op"), TruncDate("beantwoord_op"))
            ),
        ),
        Doorlooptijd(
            "Toewijzing (301) → start zorg (305)",
            _in_werkdagen(
                paren(
                    starts,
                    F("toewijzing__toewijzingsdatum"),
                    TruncDate("aangemaakt_op"),
                )
            ),
        ),
        Doorlooptijd(
            "Declaratie (323) → antwoord (325)",
            _in_werkdagen(
                paren(
                    declaraties, TruncDate("ingediend_op"), TruncDate("beantwoord_op")
                )
            ),
        ),
    ]


# --- uitval ------------------------------------------------------------------------


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
    status and the list of codes."""
    veld = _partij_veld(user)
    rijen = (
        _prestaties(user=user, keuze=keuze)
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
    namen = model.objects.in_bulk(list(ingediend))
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


# --- the aanbieder's attention list --------------------------------------------------


def eindigend(*, user, keuze: Keuze, vandaag: date, aantal: int = 50):
    """Toewijzingen that end within 8 weeks from today, soonest first (at most
    `aantal`), and how many there are."""
    qs = (
        Toewijzing.objects.visible_to(user)
        .filter(_partijen(keuze))
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
