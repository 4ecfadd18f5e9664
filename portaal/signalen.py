"""Deadline signals per party (werkdagen, core.werkdagen).

Each kind is one database query: the werkdagen deadline is turned into a date
cut-off first (`laatste_dag_binnen`), so the filter runs in SQL. The signals are
stored (`toewijzingen.models.Signaal`) by `signalen_vastleggen`, run by the
celery beat task `toewijzingen.signalen_berekenen` and by `manage.py signalen`;
screens read the stored rows, so a person can mark one handled and the start page
and the list cost one indexed query each.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from berichten.models import Bericht
from core import werkdagen
from declaraties.constants import DeclaratieStatus
from declaraties.models import Declaratie
from stamgegevens.models import Aanbieder, Gemeente
from toewijzingen.constants import (
    AFLOOP_VOORUIT_DAGEN,
    IN_ONDERZOEK_DAGEN,
    RETOUR_TERMIJN,
    START_TERMIJN,
    VERZOEK_ONDERHANDEN,
    VERZOEK_TERMIJN,
    LeveringSoort,
    SignaalObject,
    SignaalSoort,
    SignaalStatus,
    StatusAanlevering,
    VerzoekStatus,
)
from toewijzingen.models import (
    Levering,
    Signaal as OpgeslagenSignaal,
    Toewijzing,
    Verzoek,
)

# The heenberichten of this app, by the party that sends them.
HEEN_GEMEENTE = ["WMO301", "WMO319"]
HEEN_AANBIEDER = ["WMO305", "WMO307", "WMO315", "WMO317"]

GEMEENTE, AANBIEDER = "gemeente", "aanbieder"


@dataclass(frozen=True, slots=True)
class Signaal:
    soort: str  # SignaalSoort
    object: Any  # Bericht, Toewijzing, Verzoek or Declaratie
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


def _kant(gemeente) -> str:
    return GEMEENTE if gemeente is not None else AANBIEDER


# --- the kinds: each takes the party filter (Q() for all parties) and the side ---


def retour_ontbreekt(*, gemeente=None, aanbieder=None, vandaag: date) -> list[Signaal]:
    """R-W1/OP090: a heenbericht of this party without a retour after 3 werkdagen."""
    return _lijst(
        _retour_ontbreekt(_partij_q(gemeente, aanbieder), _kant(gemeente), vandaag)
    )


def _retour_ontbreekt(partij: Q, kant: str, vandaag: date) -> Bron:
    typen = HEEN_GEMEENTE if kant == GEMEENTE else HEEN_AANBIEDER
    qs = (
        Bericht.objects.filter(
            partij,
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
    """R-S1/OP271: no start zorg 5 werkdagen after the toewijzing (still running)."""
    return _lijst(
        _start_ontbreekt(_partij_q(gemeente, aanbieder), _kant(gemeente), vandaag)
    )


def start_begin(toewijzing: Toewijzing) -> date:
    """OP271: the 5 werkdagen count from the ingangsdatum, but never from before
    the 301 was received (its toewijzingsdatum): a retroactive toewijzing gets
    its 5 werkdagen from receipt. A later 301 for it restamps the toewijzingsdatum
    (R-T3) and so gives the aanbieder its 5 werkdagen from then."""
    return max(toewijzing.ingangsdatum, toewijzing.toewijzingsdatum)


def _start_ontbreekt(partij: Q, kant: str, vandaag: date) -> Bron:
    grens = laatste_dag_binnen(vandaag, START_TERMIJN)
    # Only a start that counts: status 1 and not deleted by a status 3.
    gemeld = Levering.objects.filter(
        toewijzing=OuterRef("pk"),
        soort=LeveringSoort.START,
        status_aanlevering=StatusAanlevering.EERSTE,
        vervallen=False,
    )
    qs = (
        Toewijzing.objects.filter(
            partij,
            Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
            beeindigd_op__isnull=True,
            ingangsdatum__lte=grens,
            toewijzingsdatum__lte=grens,
        )
        .exclude(Exists(gemeld))
        .select_related("client", "product")
        .order_by("ingangsdatum", "id")
    )
    return qs, _termijn(
        SignaalSoort.START_ONTBREEKT, start_begin, START_TERMIJN, vandaag
    )


def verzoek_onbeantwoord(
    *, gemeente=None, aanbieder=None, vandaag: date
) -> list[Signaal]:
    """OP274: a verzoek without a 301 or 319 after 5 werkdagen."""
    return _lijst(
        _verzoek_onbeantwoord(_partij_q(gemeente, aanbieder), _kant(gemeente), vandaag)
    )


def _verzoek_onbeantwoord(partij: Q, kant: str, vandaag: date) -> Bron:
    qs = (
        Verzoek.objects.filter(
            partij,
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


def in_onderzoek_te_lang(
    *, gemeente=None, aanbieder=None, vandaag: date
) -> list[Signaal]:
    """OP346: a verzoek "in onderzoek" (319 with VerzoekAntwoord 2) without its
    final answer 8 weeks later."""
    return _lijst(
        _in_onderzoek_te_lang(_partij_q(gemeente, aanbieder), _kant(gemeente), vandaag)
    )


def _in_onderzoek_te_lang(partij: Q, kant: str, vandaag: date) -> Bron:
    qs = (
        Verzoek.objects.filter(
            partij,
            status=VerzoekStatus.IN_ONDERZOEK,
            beantwoord_op__date__lt=vandaag - timedelta(days=IN_ONDERZOEK_DAGEN),
        )
        .select_related("client")
        .order_by("beantwoord_op", "id")
    )

    def maak(verzoek) -> Signaal:
        uiterlijk = timezone.localtime(verzoek.beantwoord_op).date() + timedelta(
            days=IN_ONDERZOEK_DAGEN
        )
        return Signaal(
            SignaalSoort.IN_ONDERZOEK_TE_LANG,
            verzoek,
            uiterlijk,
            werkdagen.werkdagen_tussen(uiterlijk, vandaag),
        )

    return qs, maak


def antwoord_ontbreekt(
    *, gemeente=None, aanbieder=None, vandaag: date
) -> list[Signaal]:
    """R-D8/OP090x4: a sent declaratie without its 325 after 10 werkdagen; for the
    gemeente that must send it and for the aanbieder waiting for it."""
    return _lijst(
        _antwoord_ontbreekt(_partij_q(gemeente, aanbieder), _kant(gemeente), vandaag)
    )


def _antwoord_ontbreekt(partij: Q, kant: str, vandaag: date) -> Bron:
    qs = Declaratie.objects.filter(
        partij,
        status__in=[DeclaratieStatus.INGEDIEND, DeclaratieStatus.TE_BEOORDELEN],
        antwoord_uiterlijk__lt=vandaag,
    ).order_by("antwoord_uiterlijk", "id")
    return qs, lambda d: Signaal(
        SignaalSoort.ANTWOORD_ONTBREEKT,
        d,
        d.antwoord_uiterlijk,
        werkdagen.werkdagen_tussen(d.antwoord_uiterlijk, vandaag),
    )


def toewijzing_loopt_af(
    *, gemeente=None, aanbieder=None, vandaag: date
) -> list[Signaal]:
    """A toewijzing ending within 8 weeks with no successor for the same product
    and no verzoek onderhanden for the cliënt."""
    return _lijst(
        _toewijzing_loopt_af(_partij_q(gemeente, aanbieder), _kant(gemeente), vandaag)
    )


def _toewijzing_loopt_af(partij: Q, kant: str, vandaag: date) -> Bron:
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
            partij,
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


# Every kind per side, in the order they are shown.
SOORTEN = {
    GEMEENTE: [
        _retour_ontbreekt,
        _verzoek_onbeantwoord,
        _in_onderzoek_te_lang,
        _antwoord_ontbreekt,
        _toewijzing_loopt_af,
    ],
    AANBIEDER: [
        _retour_ontbreekt,
        _verzoek_onbeantwoord,
        _in_onderzoek_te_lang,
        _antwoord_ontbreekt,
        _toewijzing_loopt_af,
        _start_ontbreekt,
    ],
}


def signalen_voor(
    *,
    gemeente: Gemeente | None = None,
    aanbieder: Aanbieder | None = None,
    vandaag: date | None = None,
) -> list[Signaal]:
    """All signals for one party, computed now (give exactly one of gemeente,
    aanbieder)."""
    if (gemeente is None) == (aanbieder is None):
        raise ValueError("Geef precies één partij: gemeente of aanbieder.")
    vandaag = vandaag or timezone.localdate()
    partij, kant = _partij_q(gemeente, aanbieder), _kant(gemeente)
    return [
        signaal
        for soort in SOORTEN[kant]
        for signaal in _lijst(soort(partij, kant, vandaag))
    ]


# --- stored signals ---------------------------------------------------------------


def _object_soort(obj) -> str:
    if isinstance(obj, Bericht):
        return SignaalObject.BERICHT
    if isinstance(obj, Verzoek):
        return SignaalObject.VERZOEK
    if isinstance(obj, Declaratie):
        return SignaalObject.DECLARATIE
    return SignaalObject.TOEWIJZING


def titel(obj) -> str:
    """What a signal is about, in the words of the screens."""
    if isinstance(obj, Bericht):
        return f"{obj} ({obj.omschrijving})"
    if isinstance(obj, Verzoek):
        return f"{obj} · {obj.client.naam}"
    if isinstance(obj, Declaratie):
        return f"{obj} · {obj.totaal_ingediend / 100:.2f} euro".replace(".", ",")
    return (
        f"Toewijzing {obj.toewijzing_nummer} · {obj.client.naam} · {obj.product.code}"
    )


Sleutel = tuple[str, int, str, str, int]  # kant, partij id, soort, object soort, id


def _sleutel(rij: OpgeslagenSignaal) -> Sleutel:
    kant = GEMEENTE if rij.gemeente_id else AANBIEDER
    partij = rij.gemeente_id or rij.aanbieder_id
    return kant, partij, rij.soort, rij.object_soort, rij.object_id


def _gevonden(vandaag: date) -> dict[Sleutel, Signaal]:
    """Every signal of every party now: one query per kind and side."""
    gevonden = {}
    for kant, soorten in SOORTEN.items():
        for soort in soorten:
            qs, maak = soort(Q(), kant, vandaag)
            for obj in qs.iterator(chunk_size=2000):
                signaal = maak(obj)
                partij = obj.gemeente_id if kant == GEMEENTE else obj.aanbieder_id
                sleutel = (kant, partij, signaal.soort, _object_soort(obj), obj.pk)
                gevonden[sleutel] = signaal
    return gevonden


@transaction.atomic
def signalen_vastleggen(*, vandaag: date | None = None) -> dict[str, int]:
    """Bring the stored signals in step with now: new ones are created open, open
    ones get their due date and lateness updated, open ones whose cause is gone
    become `opgelost`, and an `opgelost` one that comes back opens again. A
    handled one stays handled: never duplicated, never reopened."""
    vandaag = vandaag or timezone.localdate()
    gevonden = _gevonden(vandaag)
    bestaand = {
        _sleutel(rij): rij
        for rij in OpgeslagenSignaal.objects.select_for_update().filter(
            status__in=[SignaalStatus.OPEN, SignaalStatus.OPGELOST]
        )
    }
    afgehandeld = {
        (GEMEENTE if g else AANBIEDER, g or a, s, o, i)
        for g, a, s, o, i in OpgeslagenSignaal.objects.filter(
            status=SignaalStatus.AFGEHANDELD
        ).values_list(
            "gemeente_id", "aanbieder_id", "soort", "object_soort", "object_id"
        )
    }
    nieuw, bijwerken = [], []
    for sleutel, signaal in gevonden.items():
        if sleutel in afgehandeld:
            continue
        rij = bestaand.get(sleutel)
        if rij is None:
            kant, partij, soort, object_soort, object_id = sleutel
            nieuw.append(
                OpgeslagenSignaal(
                    soort=soort,
                    gemeente_id=partij if kant == GEMEENTE else None,
                    aanbieder_id=partij if kant == AANBIEDER else None,
                    object_soort=object_soort,
                    object_id=object_id,
                    titel=titel(signaal.object)[:300],
                    uiterlijk=signaal.uiterlijk,
                    werkdagen_te_laat=signaal.werkdagen_te_laat,
                )
            )
            continue
        waarden = (SignaalStatus.OPEN, signaal.uiterlijk, signaal.werkdagen_te_laat)
        if (rij.status, rij.uiterlijk, rij.werkdagen_te_laat) != waarden:
            rij.status, rij.uiterlijk, rij.werkdagen_te_laat = waarden
            bijwerken.append(rij)
    opgelost = [
        rij.pk
        for sleutel, rij in bestaand.items()
        if rij.status == SignaalStatus.OPEN and sleutel not in gevonden
    ]
    OpgeslagenSignaal.objects.bulk_create(nieuw, batch_size=1000)
    OpgeslagenSignaal.objects.bulk_update(
        bijwerken, ["status", "uiterlijk", "werkdagen_te_laat"], batch_size=1000
    )
    for begin in range(0, len(opgelost), 1000):
        OpgeslagenSignaal.objects.filter(pk__in=opgelost[begin : begin + 1000]).update(
            status=SignaalStatus.OPGELOST
        )
    return {
        "nieuw": len(nieuw),
        "bijgewerkt": len(bijwerken),
        "opgelost": len(opgelost),
        "open": OpgeslagenSignaal.objects.filter(status=SignaalStatus.OPEN).count(),
    }
