"""Deadline signals per party (werkdagen, core.werkdagen).

Each kind is one database query: the werkdagen deadline is turned into a date
cut-off first (`laatste_dag_binnen`), so the filter runs in SQL.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from berichten.models import Bericht
from core import werkdagen
from stamgegevens.models import Aanbieder, Gemeente
from toewijzingen.constants import (
    AFLOOP_VOORUIT_DAGEN,
    RETOUR_TERMIJN,
    START_TERMIJN,
    VERZOEK_ONDERHANDEN,
    VERZOEK_TERMIJN,
    SignaalSoort,
    VerzoekStatus,
)
from toewijzingen.models import Toewijzing, Verzoek

# The heenberichten of this app, by the party that sends them.
HEEN_GEMEENTE = ["WMO301", "WMO319"]
HEEN_AANBIEDER = ["WMO305", "WMO307", "WMO315", "WMO317"]


@dataclass(frozen=True, slots=True)
class Signaal:
    soort: str  # SignaalSoort
    object: Any  # Bericht, Toewijzing or Verzoek
    uiterlijk: date  # due date
    werkdagen_te_laat: int  # 0 for a warning ahead of time

    @property
    def omschrijving(self) -> str:
        return SignaalSoort(self.soort).label


def laatste_dag_binnen(vandaag: date, termijn: int) -> date:
    """The latest day d with plus_werkdagen(d, termijn) < vandaag: anything on or
    before it is overdue today."""
    dag = vandaag - timedelta(days=1)
    while werkdagen.plus_werkdagen(dag, termijn) >= vandaag:
        dag -= timedelta(days=1)
    return dag


# A kind of signal: its rows (a QuerySet) and how one row becomes a Signaal.
Bron = tuple[QuerySet, Callable[[Any], Signaal]]


def _termijn(soort: str, begin, termijn: int, vandaag: date) -> Callable:
    def maak(obj) -> Signaal:
        uiterlijk = werkdagen.plus_werkdagen(begin(obj), termijn)
        return Signaal(
            soort, obj, uiterlijk, werkdagen.werkdagen_tussen(uiterlijk, vandaag)
        )

    return maak


def _lijst(bron: Bron) -> list[Signaal]:
    qs, maak = bron
    return [maak(obj) for obj in qs]


def _partij_q(
    gemeente: Gemeente | None, aanbieder: Aanbieder | None, prefix: str = ""
) -> Q:
    if gemeente is not None:
        return Q(**{f"{prefix}gemeente": gemeente})
    return Q(**{f"{prefix}aanbieder": aanbieder})


def retour_ontbreekt(*, gemeente=None, aanbieder=None, vandaag: date) -> list[Signaal]:
    """R-W1/OP090: a heenbericht of this party without a retour after 3 werkdagen."""
    return _lijst(_retour_ontbreekt(gemeente, aanbieder, vandaag))


def _retour_ontbreekt(gemeente, aanbieder, vandaag: date) -> Bron:
    typen = HEEN_GEMEENTE if gemeente is not None else HEEN_AANBIEDER
    qs = (
        Bericht.objects.filter(
            _partij_q(gemeente, aanbieder),
            bericht_type__in=typen,
            dagtekening__lte=laatste_dag_binnen(vandaag, RETOUR_TERMIJN),
            is_duplicaat=False,
        )
        .exclude(Exists(Bericht.objects.filter(heenbericht=OuterRef("pk"))))
        .order_by("dagtekening", "id")
    )
    return qs, _termijn(
        SignaalSoort.RETOUR_ONTBREEKT, lambda b: b.dagtekening, RETOUR_TERMIJN, vandaag
    )


def start_ontbreekt(*, gemeente=None, aanbieder=None, vandaag: date) -> list[Signaal]:
    """R-S1/OP271: no start zorg 5 werkdagen after the ingangsdatum (still running)."""
    return _lijst(_start_ontbreekt(gemeente, aanbieder, vandaag))


def _start_ontbreekt(gemeente, aanbieder, vandaag: date) -> Bron:
    qs = (
        Toewijzing.objects.filter(
            _partij_q(gemeente, aanbieder),
            Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
            beeindigd_op__isnull=True,
            ingangsdatum__lte=laatste_dag_binnen(vandaag, START_TERMIJN),
        )
        .exclude(leveringen__isnull=False)
        .select_related("client", "product")
        .order_by("ingangsdatum", "id")
    )
    return qs, _termijn(
        SignaalSoort.START_ONTBREEKT, lambda t: t.ingangsdatum, START_TERMIJN, vandaag
    )


def verzoek_onbeantwoord(
    *, gemeente=None, aanbieder=None, vandaag: date
) -> list[Signaal]:
    """OP274: a verzoek without a 301 or 319 after 5 werkdagen."""
    return _lijst(_verzoek_onbeantwoord(gemeente, aanbieder, vandaag))


def _verzoek_onbeantwoord(gemeente, aanbieder, vandaag: date) -> Bron:
    qs = (
        Verzoek.objects.filter(
            _partij_q(gemeente, aanbieder),
            status=VerzoekStatus.OPEN,
            ingediend_op__date__lte=laatste_dag_binnen(vandaag, VERZOEK_TERMIJN),
        )
        .select_related("client")
        .order_by("ingediend_op", "id")
    )
    return qs, _termijn(
        SignaalSoort.VERZOEK_ONBEANTWOORD,
        lambda v: timezone.localtime(v.ingediend_op).date(),
        VERZOEK_TERMIJN,
        vandaag,
    )


def toewijzing_loopt_af(
    *, gemeente=None, aanbieder=None, vandaag: date
) -> list[Signaal]:
    """A toewijzing ending within 8 weeks with no successor for the same product
    and no verzoek onderhanden for the cliënt."""
    return _lijst(_toewijzing_loopt_af(gemeente, aanbieder, vandaag))


def _toewijzing_loopt_af(gemeente, aanbieder, vandaag: date) -> Bron:
    opvolger = Toewijzing.objects.filter(
        client=OuterRef("client"),
        aanbieder=OuterRef("aanbieder"),
        product=OuterRef("product"),
        ingangsdatum__gt=OuterRef("einddatum"),
    )
    verzoek = Verzoek.objects.filter(
        client=OuterRef("client"),
        aanbieder=OuterRef("aanbieder"),
        status__in=VERZOEK_ONDERHANDEN,
    )
    qs = (
        Toewijzing.objects.filter(
            _partij_q(gemeente, aanbieder),
            beeindigd_op__isnull=True,
            einddatum__gte=vandaag,
            einddatum__lte=vandaag + timedelta(days=AFLOOP_VOORUIT_DAGEN),
        )
        .exclude(Exists(opvolger))
        .exclude(Exists(verzoek))
        .select_related("client", "product")
        .order_by("einddatum", "id")
    )
    return qs, lambda t: Signaal(SignaalSoort.TOEWIJZING_LOOPT_AF, t, t.einddatum, 0)


def signalen_voor(
    *,
    gemeente: Gemeente | None = None,
    aanbieder: Aanbieder | None = None,
    vandaag: date | None = None,
) -> list[Signaal]:
    """All signals for one party (give exactly one of gemeente, aanbieder)."""
    return [
        signaal
        for bron in _bronnen(gemeente, aanbieder, vandaag)
        for signaal in _lijst(bron)
    ]


def _bronnen(gemeente, aanbieder, vandaag: date | None) -> list[Bron]:
    """Every kind of signal for one party, in the order they are shown."""
    if (gemeente is None) == (aanbieder is None):
        raise ValueError("Geef precies één partij: gemeente of aanbieder.")
    vandaag = vandaag or timezone.localdate()
    soorten = [_retour_ontbreekt, _verzoek_onbeantwoord, _toewijzing_loopt_af]
    if aanbieder is not None:
        soorten.append(_start_ontbreekt)
    return [soort(gemeente, aanbieder, vandaag) for soort in soorten]


def _partij_van(user) -> dict | None:
    if user.is_gemeente:
        return {"gemeente": user.gemeente, "aanbieder": None}
    if user.is_aanbieder:
        return {"gemeente": None, "aanbieder": user.aanbieder}
    return None


def signalen_voor_gebruiker(user, *, vandaag: date | None = None) -> list[Signaal]:
    partij = _partij_van(user)
    return signalen_voor(**partij, vandaag=vandaag) if partij else []


def eerste_signalen(
    user, aantal: int, *, vandaag: date | None = None
) -> tuple[list[Signaal], int]:
    """The first `aantal` signals of the user's party and how many there are in all,
    without loading the rest: one count and at most one page per kind."""
    partij = _partij_van(user)
    if partij is None:
        return [], 0
    eerste, totaal = [], 0
    for qs, maak in _bronnen(partij["gemeente"], partij["aanbieder"], vandaag):
        totaal += qs.count()
        eerste += [maak(obj) for obj in qs[: max(aantal - len(eerste), 0)]]
    return eerste, totaal


def signalen_berekenen(*, vandaag: date | None = None) -> dict[str, list[Signaal]]:
    """Signals for every party, keyed "gemeente:<code>" / "aanbieder:<agb>"."""
    result: dict[str, list[Signaal]] = {}
    for gemeente in Gemeente.objects.order_by("code"):
        result[f"gemeente:{gemeente.code}"] = signalen_voor(
            gemeente=gemeente, vandaag=vandaag
        )
    for aanbieder in Aanbieder.objects.order_by("agb_code"):
        result[f"aanbieder:{aanbieder.agb_code}"] = signalen_voor(
            aanbieder=aanbieder, vandaag=vandaag
        )
    return result
