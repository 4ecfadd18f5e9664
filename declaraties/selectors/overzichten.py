"""Reads for the declaraties overviews: totals per
period and party, the rejected lines as a filterable queryset, and the chains of
many lines at once (a fixed number of queries, whatever the number of lines)."""

import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone

from berichten.bevinding import Bevinding
from core.selectie import Filters, op_velden
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from declaraties.selectors.declaraties import (
    Retourcode,
    Uitval,
    getekend,
    retourcode,
)

AFGEKEURD = Q(status=PrestatieStatus.AFGEKEURD)
CONCEPT = Q(status=DeclaratieStatus.CONCEPT)


@dataclass
class Totaal:
    periode: date
    aanbieder: str
    gemeente: str
    aantal: int
    ingediend: int  # sent declaraties only: a concept is not ingediend
    toegekend: int
    afgewezen: int
    concept: int = 0  # the concepts' total, not sent yet


def totalen(
    declaraties: QuerySet[Declaratie], pagina: Iterable[Declaratie] | None = None
) -> list[Totaal]:
    """Ingediend, toegekend and afgewezen per period, aanbieder and gemeente (two
    queries). With `pagina` (the declaraties of one list page) only the groups of
    those declaraties, so the table stays as short as the page."""
    if pagina is not None:
        groepen = {(d.periode_begin, d.aanbieder_id, d.gemeente_id) for d in pagina}
        declaraties = declaraties.filter(
            reduce(
                operator.or_,
                (
                    Q(periode_begin=periode, aanbieder_id=aanbieder, gemeente_id=gem)
                    for periode, aanbieder, gem in groepen
                ),
                Q(pk__in=[]),
            )
        )
    ids = declaraties.values("pk")
    sleutel = ("periode_begin", "aanbieder__naam", "gemeente__naam")
    afgewezen = {
        (
            r["declaratie__periode_begin"],
            r["declaratie__aanbieder__naam"],
            r["declaratie__gemeente__naam"],
        ): r["som"]
        for r in Prestatie.objects.filter(AFGEKEURD, declaratie__in=ids)
        .values(*(f"declaratie__{veld}" for veld in sleutel))
        .annotate(som=Sum(getekend()))
        .order_by()
    }
    rijen = (
        Declaratie.objects.filter(pk__in=ids)
        .values(*sleutel)
        .annotate(
            aantal=Count("pk"),
            ingediend=Sum("totaal_ingediend", filter=~CONCEPT),
            concept=Sum("totaal_ingediend", filter=CONCEPT),
            toegekend=Sum("totaal_toegekend"),
        )
        .order_by("-periode_begin", "aanbieder__naam", "gemeente__naam")
    )
    return [
        Totaal(
            periode=r["periode_begin"],
            aanbieder=r["aanbieder__naam"],
            gemeente=r["gemeente__naam"],
            aantal=r["aantal"],
            ingediend=r["ingediend"] or 0,
            concept=r["concept"] or 0,
            toegekend=r["toegekend"] or 0,
            afgewezen=afgewezen.get(tuple(r[veld] for veld in sleutel)) or 0,
        )
        for r in rijen
    ]


# --- lines -------------------------------------------------------------------------


def regels(qs: QuerySet[Prestatie]) -> QuerySet[Prestatie]:
    """Lines with what a list row shows, joined in one query."""
    return qs.select_related(
        "declaratie__gemeente", "declaratie__aanbieder", "client", "toewijzing"
    )


def afgekeurde_regel_list(*, user, filters: Filters = None) -> QuerySet[Prestatie]:
    """The work list as a queryset (filter and page it in the database): rejected
    lines of the user's party not yet replaced by a new debet line.

    filters: declaratie (id)."""
    vervangen = Prestatie.objects.filter(
        vorig_referentie=OuterRef("pk"), debet_credit=DebetCredit.DEBET
    ).exclude(AFGEKEURD)
    return (
        regels(
            op_velden(
                Prestatie.objects.visible_to(user).filter(AFGEKEURD),
                filters,
                {"declaratie": "declaratie_id"},
            )
        )
        .annotate(vervangen=Exists(vervangen))
        .filter(vervangen=False)
        .order_by("-declaratie__periode_begin", "bsn", "id")
    )


def retourcodes(prestatie: Prestatie) -> list[Retourcode]:
    """The line's codes with their Dutch text and a hint (no query)."""
    return [retourcode(code) for code in prestatie.retourcodes]


def ketens(*, user, prestaties: list[Prestatie]) -> dict[int, list[Prestatie]]:
    """For each line its chain original → credit → new line, oldest first.

    Loads the chains level by level: the number of queries grows with the length
    of the longest chain, never with the number of lines.
    """
    bekend: dict[int, Prestatie] = {p.pk: p for p in prestaties}
    zichtbaar = Prestatie.objects.visible_to(user).select_related("declaratie")
    nieuw = set(bekend)
    while nieuw:
        gevonden = zichtbaar.filter(
            Q(pk__in={bekend[pk].vorig_referentie_id for pk in nieuw} - {None})
            | Q(vorig_referentie__in=nieuw)
        ).exclude(pk__in=bekend)
        nieuw = set()
        for p in gevonden:
            bekend[p.pk] = p
            nieuw.add(p.pk)
    opvolgers: dict[int, list[Prestatie]] = defaultdict(list)
    for p in sorted(bekend.values(), key=lambda p: p.pk):
        if p.vorig_referentie_id in bekend:
            opvolgers[p.vorig_referentie_id].append(p)

    def begin(p: Prestatie) -> Prestatie:
        while p.vorig_referentie_id in bekend:
            p = bekend[p.vorig_referentie_id]
        return p

    uitkomst: dict[int, list[Prestatie]] = {}
    for p in prestaties:
        rij, keten = [begin(p)], []
        while rij:
            schakel = rij.pop(0)
            keten.append(schakel)
            rij.extend(opvolgers[schakel.pk])
        uitkomst[p.pk] = keten
    return uitkomst


# --- months -------------------------------------------------------------------------


def afgelopen_maanden(aantal: int = 12, vandaag: date | None = None) -> list[date]:
    """The first days of the last `aantal` months that are over, newest first."""
    maand = (vandaag or timezone.localdate()).replace(day=1)
    maanden = []
    for _ in range(aantal):
        maand = (maand - timedelta(days=1)).replace(day=1)
        maanden.append(maand)
    return maanden


# --- uitval -----------------------------------------------------------------------------


@dataclass
class UitvalRij:
    retourcode: Retourcode
    cellen: list[Uitval | None]  # one per month of the table
    aantal: int
    bedrag: int


@dataclass
class UitvalTabel:
    maanden: list[date]
    rijen: list[UitvalRij]
    per_maand: list[int]  # rejected codes per month


def uitval_tabel(uitval: list[Uitval]) -> UitvalTabel:
    """Retourcodes down, months across (oldest first)."""
    maanden = sorted({u.maand for u in uitval})
    per_code: dict[str, dict[date, Uitval]] = defaultdict(dict)
    for u in uitval:
        per_code[u.retourcode.code][u.maand] = u
    rijen = []
    for code in sorted(per_code):
        cellen = per_code[code]
        rijen.append(
            UitvalRij(
                retourcode=next(iter(cellen.values())).retourcode,
                cellen=[cellen.get(maand) for maand in maanden],
                aantal=sum(u.aantal for u in cellen.values()),
                bedrag=sum(u.bedrag for u in cellen.values()),
            )
        )
    return UitvalTabel(
        maanden=maanden,
        rijen=rijen,
        per_maand=[sum(u.aantal for u in uitval if u.maand == m) for m in maanden],
    )


@dataclass
class PrestatieRij:
    """A line as a table row: its codes (text and hint) and its chain."""

    prestatie: Prestatie
    retourcodes: list[Retourcode]
    keten: list[Prestatie] = field(default_factory=list)
    bevindingen: list[Bevinding] = field(default_factory=list)


def prestatie_rijen(*, user, prestaties) -> list[PrestatieRij]:
    prestaties = list(prestaties)
    per_prestatie = ketens(user=user, prestaties=prestaties)
    return [PrestatieRij(p, retourcodes(p), per_prestatie[p.pk]) for p in prestaties]
