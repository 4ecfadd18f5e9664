"""Tarieven per period (R-D9, TR418) and the tarief per minuut (TR346/IV081) in declaraties."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from berichten.regels.declaratie import buiten_afronding
from declaraties import services
from declaraties.checks import controleer_declaratie
from declaraties.constants import PrestatieStatus
from stamgegevens.models import ContractProduct, Tarief
from tests.core.factories import aanbieder_user
from tests.declaraties.factories import PrestatieFactory, prestatie_bericht, wmo323
from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    GemeenteFactory,
    ProductFactory,
)
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db

OKTOBER = (date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture
def tw():
    """A toewijzing from 2025 under a contract whose tarief was 40,00 in 2025 and 42,50 from 2026."""
    contract = ContractFactory(begindatum=date(2025, 1, 1))
    tw = ToewijzingFactory(
        declarabel=True,
        contract=contract,
        aanbieder=contract.aanbieder,
        ingangsdatum=date(2025, 1, 1),
        toewijzingsdatum=date(2025, 1, 1),
    )
    cp = ContractProduct.objects.get(contract=contract, product=tw.product)
    cp.tarieven.all().delete()
    Tarief.objects.create(
        contractproduct=cp,
        geldig_van=date(2025, 1, 1),
        geldig_tot=date(2025, 12, 31),
        bedrag=4000,
    )
    Tarief.objects.create(contractproduct=cp, geldig_van=date(2026, 1, 1), bedrag=4250)
    return tw


def _codes(tw, prestaties):
    message = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [(tw.client.bsn, prestaties)],
        periode=OKTOBER,
        dagtekening=date(2026, 11, 2),
    )
    controle = controleer_declaratie(message, gemeente=tw.gemeente)
    return [u.retourcodes for u in controle.per_prestatie.values()]


def _regel_2025(tw):
    return PrestatieFactory(
        t=tw,
        begindatum=date(2025, 8, 1),
        einddatum=date(2025, 8, 31),
        product_tarief=4000,
        ingediend_bedrag=40000,
    )


def test_tr418_credit_uses_tarief_of_its_period(tw):
    oud = _regel_2025(tw)

    def credit(tarief):
        return prestatie_bericht(
            tw,
            referentie="CR1",
            vorig=oud.product_referentie,
            begin=date(2025, 8, 1),
            eind=date(2025, 8, 31),
            tarief=tarief,
        )

    assert _codes(tw, [credit(4000)]) == [[]]  # last year's tarief: approved
    assert _codes(tw, [credit(4250)]) == [["0611"]]  # today's tarief: refused


def test_tr418_debet_uses_tarief_of_its_own_period(tw):
    oktober = {"begin": OKTOBER[0], "eind": OKTOBER[1]}
    assert _codes(tw, [prestatie_bericht(tw, tarief=4250, **oktober)]) == [[]]
    assert _codes(tw, [prestatie_bericht(tw, tarief=4000, **oktober)]) == [["0611"]]


def test_tr418_correction_and_proposal_use_tarief_of_the_period(tw):
    user = aanbieder_user(tw.aanbieder)
    oud = _regel_2025(tw)
    nieuw = services.prestatie_corrigeren(user=user, prestatie=oud, geleverd_volume=8)
    assert (nieuw.product_tarief, nieuw.ingediend_bedrag) == (4000, 32000)
    assert oud.gecrediteerd_door.product_tarief == 4000
    # The proposal for a month of 2026 takes the 2026 tarief.
    [v] = services.regelvoorstellen(aanbieder=tw.aanbieder, periode=date(2026, 9, 1))
    assert (v.product_tarief, v.ingediend_bedrag) == (4250, 42500)


def test_tr418_no_tarief_in_the_period_is_0611(tw):
    Tarief.objects.filter(geldig_van=date(2025, 1, 1)).delete()
    begin = {"begin": date(2025, 8, 1), "eind": date(2025, 8, 31)}
    assert _codes(tw, [prestatie_bericht(tw, tarief=4000, **begin)]) == [["0611"]]


# --- tarief per minuut (TR346 toelichting, IV081) -------------------------------------


@pytest.fixture
def minuten():
    """ZL10 in minuten with an uurtarief of € 52,50: 87,5 cent per minuut."""
    product = ProductFactory(categorie="01", code="ZL10", eenheid="01", frequentie="2")
    tw = ToewijzingFactory(
        declarabel=True,
        product=product,
        eenheid="01",
        volume=600,
        frequentie="2",
        einddatum=None,
    )
    tarief = Tarief.objects.get(contractproduct__contract=tw.contract)
    tarief.bedrag, tarief.per_uur = 5250, True
    tarief.save()
    return tw


def test_tr346_uurtarief_per_minuut_rounds_the_line_once(minuten):
    tarief = Tarief.objects.get(contractproduct__contract=minuten.contract)
    assert tarief.product_tarief == 88  # 87,5 cent per minuut, half up
    assert tarief.bedrag_voor(90) == 7875  # 90 × 5250 / 60, not 90 × 88 = 7920
    assert tarief.bedrag_voor(7) == 613  # 612,5 → 613 (ROUND_HALF_UP)
    [v] = services.regelvoorstellen(
        aanbieder=minuten.aanbieder, periode=date(2026, 8, 1)
    )
    assert v.product_tarief == 88
    assert v.ingediend_bedrag == tarief.bedrag_voor(v.geleverd_volume)


def test_tr346_uurtarief_line_approved_and_wrong_bedrag_refused(minuten):
    def codes(bedrag):
        message = wmo323(
            minuten.aanbieder,
            minuten.gemeente,
            [
                (
                    minuten.client.bsn,
                    [prestatie_bericht(minuten, volume=90, tarief=88, bedrag=bedrag)],
                )
            ],
        )
        controle = controleer_declaratie(message, gemeente=minuten.gemeente)
        return controle.per_prestatie[(1, 1)].retourcodes

    assert codes(7875) == []  # uurtarief × minuten / 60, rounded once
    assert codes(7920) == [
        "9346"
    ]  # 90 × the rounded 88 cent: not the contract's amount


def test_tr346_uurtarief_line_sent_by_the_portal_is_approved(minuten):
    user = aanbieder_user(minuten.aanbieder)
    [declaratie] = services.declaratie_voorstellen(user=user, periode=date(2026, 8, 1))
    regel = declaratie.prestaties.get()
    services.declaratie_regel_wijzigen(user=user, prestatie=regel, geleverd_volume=7)
    regel.refresh_from_db()
    assert (regel.product_tarief, regel.ingediend_bedrag) == (88, 613)
    services.declaratie_indienen(user=user, declaratie=declaratie)
    regel.refresh_from_db()
    assert regel.status == PrestatieStatus.GOEDGEKEURD


def test_tr346_without_the_contract_accepts_only_the_rounding_of_the_tarief():
    # 90 minuten at ProductTarief 88: the unrounded tarief lies in 87,5 … 88,5 cent.
    assert not buiten_afronding(90, 88, 7875)  # € 52,50 per uur: 87,5 × 90
    assert not buiten_afronding(90, 88, 7920)  # exactly 88 × 90
    assert buiten_afronding(90, 88, 7829)  # below 87,5 × 90 − ½
    assert buiten_afronding(10, 4250, 42506)  # a whole-cent tarief: ± 5 at most


def _met_twee_periodes(aantal, aanbieder, gemeente):
    for _ in range(aantal):
        tw = ToewijzingFactory(
            declarabel=True, aanbieder=aanbieder, client__gemeente=gemeente
        )
        cp = ContractProduct.objects.get(contract=tw.contract, product=tw.product)
        Tarief.objects.filter(contractproduct=cp).update(geldig_tot=date(2026, 6, 30))
        Tarief.objects.create(
            contractproduct=cp, geldig_van=date(2026, 7, 1), bedrag=4400
        )
        yield tw


def test_tr418_tarief_lookup_adds_no_query_per_line():
    aantallen = []
    for aantal in (3, 12):
        aanbieder, gemeente = AanbiederFactory(), GemeenteFactory()
        toewijzingen = list(_met_twee_periodes(aantal, aanbieder, gemeente))
        message = wmo323(
            aanbieder,
            gemeente,
            [
                (t.client.bsn, [prestatie_bericht(t, referentie=f"R{i}", tarief=4400)])
                for i, t in enumerate(toewijzingen)
            ],
        )
        with CaptureQueriesContext(connection) as voorstel:
            voorstellen = services.regelvoorstellen(
                aanbieder=aanbieder, periode=date(2026, 8, 1)
            )
        with CaptureQueriesContext(connection) as controle:
            uitslag = controleer_declaratie(
                message, gemeente=gemeente, aanbieder=aanbieder
            )
        assert {v.product_tarief for v in voorstellen} == {4400}
        assert all(u.goedgekeurd for u in uitslag.per_prestatie.values())
        aantallen.append((len(voorstel), len(controle)))
    assert aantallen[0] == aantallen[1]
