"""A small world with hand-computed figures (see the numbers in each test).

Gemeente `gemeente` with aanbieders A1 (`aanbieder`) and A2; a second gemeente with
its own aanbieder A3 whose data must never show. Year 2026.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

import pytest

from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from stamgegevens.models import ContractProduct
from tests.declaraties.factories import DeclaratieFactory, PrestatieFactory
from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    GemeenteFactory,
    ProductFactory,
    TariefFactory,
)
from tests.toewijzingen.factories import (
    ClientFactory,
    LeveringFactory,
    ToewijzingFactory,
    VerzoekFactory,
)
from toewijzingen.models import Levering, Verzoek


def moment(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@dataclass
class Wereld:
    gemeente: object
    a1: object
    a2: object
    c1: object
    c2: object
    t1: object
    andere_gemeente: object
    a3: object


def _toewijzing(contract, product, client, tarief, **kwargs):
    t = ToewijzingFactory(
        contract=contract,
        aanbieder=contract.aanbieder,
        gemeente=contract.gemeente,
        client=client,
        product=product,
        tarief=False,
        **kwargs,
    )
    cp, _ = ContractProduct.objects.get_or_create(contract=contract, product=product)
    cp.tarieven.all().delete()  # one open period with this tarief (TR418)
    TariefFactory(contractproduct=cp, bedrag=tarief)
    return t


def _regel(t, declaratie, maand: int, bedrag: int, status, codes=(), dc="D"):
    return PrestatieFactory(
        t=t,
        declaratie=declaratie,
        begindatum=date(2026, maand, 1),
        einddatum=date(2026, maand, 28),
        ingediend_bedrag=bedrag,
        status=status,
        retourcodes=list(codes),
        debet_credit=dc,
    )


@pytest.fixture
def wereld(gemeente, aanbieder):
    a2 = AanbiederFactory(naam="Zorg B")
    aanbieder.naam = "Zorg A"
    aanbieder.save()
    c1 = ContractFactory(gemeente=gemeente, aanbieder=aanbieder, nummer="C-A")
    c2 = ContractFactory(gemeente=gemeente, aanbieder=a2, nummer="C-B")
    p01 = ProductFactory(categorie="01")
    p02 = ProductFactory(categorie="02")
    p02b = ProductFactory(categorie="02")
    k1, k2, k3 = (ClientFactory(gemeente=gemeente) for _ in range(3))

    # Toegewezen: t1 10 per maand à 42,50 in jan–mrt: 425,00 a month.
    t1 = _toewijzing(
        c1,
        p02,
        k1,
        4250,
        volume=10,
        frequentie="4",
        toewijzingsdatum=date(2026, 1, 5),
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2026, 3, 31),
    )
    # t2: 2 per week à 10,00 for 14 days of February: 40,00.
    t2 = _toewijzing(
        c1,
        p01,
        k1,
        1000,
        volume=2,
        frequentie="2",
        ingangsdatum=date(2026, 2, 1),
        einddatum=date(2026, 2, 14),
    )
    # t3: 3 per dag à 5,00 from 30-12: two days of 2026: 30,00.
    _toewijzing(
        c2,
        p02,
        k2,
        500,
        volume=3,
        frequentie="1",
        ingangsdatum=date(2026, 12, 30),
        einddatum=date(2027, 1, 5),
    )
    # t4: 5 in total à 20,00 from 15 May, no end: 100,00 in May.
    t4 = _toewijzing(
        c2,
        p02b,
        k3,
        2000,
        volume=5,
        frequentie="6",
        ingangsdatum=date(2026, 5, 15),
    )
    # Removed (TR384): counts nowhere.
    _toewijzing(
        c1,
        p02,
        ClientFactory(gemeente=gemeente),
        4250,
        volume=100,
        frequentie="4",
        ingangsdatum=date(2026, 1, 1),
        reden_wijziging="13",
    )

    # 301 on Monday 5 January, start zorg received Wednesday 7 January: 2 werkdagen.
    start = LeveringFactory(toewijzing=t1)
    Levering.objects.filter(pk=start.pk).update(aangemaakt_op=moment(2026, 1, 7, 10))

    # Declaraties: d1 of A1 sent Monday 2 Feb, answered Friday 6 Feb (4 werkdagen);
    # d2 of A2 sent Monday 4 May, answered Monday 18 May (8: 5 May and 14 May are off).
    d1 = DeclaratieFactory(
        aanbieder=aanbieder,
        gemeente=gemeente,
        ingediend_op=moment(2026, 2, 2, 9),
        beantwoord_op=moment(2026, 2, 6, 15),
    )
    d2 = DeclaratieFactory(
        aanbieder=a2,
        gemeente=gemeente,
        ingediend_op=moment(2026, 5, 4, 9),
        beantwoord_op=moment(2026, 5, 18, 15),
    )
    ok, af = PrestatieStatus.GOEDGEKEURD, PrestatieStatus.AFGEKEURD
    _regel(t1, d1, 1, 42500, ok)
    _regel(t1, d1, 1, 10000, ok, dc=DebetCredit.CREDIT)
    _regel(t1, d1, 2, 42500, af, codes=["8142"])
    _regel(t2, d1, 2, 4000, ok)
    _regel(t1, d1, 3, 42500, af, codes=["8142", "9355"])
    _regel(t4, d2, 5, 10000, ok)
    # A concept of A1: the gemeente never sees it, and it is not "ingediend".
    concept = DeclaratieFactory(
        aanbieder=aanbieder,
        gemeente=gemeente,
        status=DeclaratieStatus.CONCEPT,
        declaratie_nummer="",
    )
    _regel(t1, concept, 4, 99900, PrestatieStatus.CONCEPT)

    # Verzoeken (315) sent Monday 2 March, answered after 1, 5 and 10 werkdagen.
    for dag in (3, 9, 16):
        v = VerzoekFactory(client=k2, gemeente=gemeente, aanbieder=a2)
        Verzoek.objects.filter(pk=v.pk).update(
            ingediend_op=moment(2026, 3, 2, 9), beantwoord_op=moment(2026, 3, dag, 9)
        )

    # Another gemeente with its own aanbieder: never visible to the above.
    andere = GemeenteFactory(naam="Elders")
    a3 = AanbiederFactory(naam="Zorg Elders")
    c3 = ContractFactory(gemeente=andere, aanbieder=a3, nummer="C-ELDERS")
    t_elders = _toewijzing(
        c3,
        p02,
        ClientFactory(gemeente=andere),
        7777,
        volume=1,
        frequentie="4",
        ingangsdatum=date(2026, 1, 1),
    )
    d3 = DeclaratieFactory(
        aanbieder=a3,
        gemeente=andere,
        ingediend_op=moment(2026, 2, 2, 9),
        beantwoord_op=moment(2026, 2, 3, 9),
    )
    _regel(t_elders, d3, 1, 7777, af, codes=["8142"])
    return Wereld(gemeente, aanbieder, a2, c1, c2, t1, andere, a3)
