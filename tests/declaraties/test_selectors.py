"""Factuur (R-D4), the work list of rejected lines, uitval, and scoping."""

from datetime import date
from decimal import Decimal

import pytest

from declaraties import selectors, services
from declaraties.models import Declaratie
from tests.core.factories import aanbieder_user, gemeente_user
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw():
    return ToewijzingFactory(declarabel=True, tarief__btw=21)


@pytest.fixture
def user(tw):
    return aanbieder_user(tw.aanbieder)


def _verstuur(user, volume: int | None = None) -> Declaratie:
    [declaratie] = services.declaratie_voorstellen(user=user, periode=date(2026, 8, 1))
    if volume is not None:
        services.declaratie_regel_wijzigen(
            user=user, prestatie=declaratie.prestaties.get(), geleverd_volume=volume
        )
    services.declaratie_indienen(user=user, declaratie=declaratie)
    declaratie.refresh_from_db()
    return declaratie


def test_factuur_has_everything_of_r_d4(tw, user):
    declaratie = _verstuur(user)
    f = selectors.factuur(user=user, declaratie=declaratie)
    a = tw.aanbieder
    assert (f.naam, f.agb_code, f.btw_nummer, f.kvk_nummer, f.iban) == (
        a.naam,
        a.agb_code,
        a.btw_nummer,
        a.kvk_nummer,
        a.iban,
    )
    assert f.adres == a.adres
    assert (f.factuurnummer, f.factuurdatum) == (
        declaratie.declaratie_nummer,
        declaratie.dagtekening,
    )
    assert (f.periode_begin, f.periode_eind) == (date(2026, 8, 1), date(2026, 8, 31))
    [regel] = f.regels
    assert (regel.volume, regel.tarief, regel.bedrag, regel.eenheid) == (
        10,
        4250,
        42500,
        "82",
    )
    [btw] = f.btw
    assert btw.percentage == Decimal("21.0") and (btw.excl, btw.btw, btw.incl) == (
        35124,
        7376,
        42500,
    )
    assert (f.totaal_excl, f.totaal_btw, f.totaal_incl) == (35124, 7376, 42500)
    assert (f.te_ontvangen, f.terug_te_betalen, f.toegekend) == (42500, 0, 42500)


def test_factuur_of_a_credit_is_to_pay_back(tw, user):
    declaratie = _verstuur(user)
    credit = services.prestatie_crediteren(
        user=user, prestatie=declaratie.prestaties.get()
    )
    f = selectors.factuur(user=user, declaratie=credit.declaratie)
    assert (f.totaal_incl, f.te_ontvangen, f.terug_te_betalen) == (-42500, 0, 42500)


def test_afgekeurde_regels_with_text_hint_and_masked_bsn(tw, user):
    _verstuur(user, volume=11)
    [regel] = selectors.afgekeurde_regels(user=user)
    assert regel.bsn == "*****" + tw.client.bsn[-4:]
    assert regel.bedrag == 11 * 4250
    [code] = regel.retourcodes
    assert code.code == "9321" and "toegewezen volume" in code.tekst and code.hint
    services.prestatie_corrigeren(
        user=user, prestatie=regel.prestatie, geleverd_volume=10
    )
    assert selectors.afgekeurde_regels(user=user) == []  # corrected: off the work list


def test_uitval_per_retourcode_per_month(tw, user):
    _verstuur(user, volume=11)
    [uitval] = selectors.uitval_per_retourcode(user=user)
    assert (uitval.maand, uitval.retourcode.code, uitval.aantal) == (
        date(2026, 8, 1),
        "9321",
        1,
    )


def test_gemeente_does_not_see_concepts(tw, user):
    [concept] = services.declaratie_voorstellen(user=user, periode=date(2026, 8, 1))
    gemeente = gemeente_user(tw.gemeente)
    assert not selectors.declaratie_list(user=gemeente).exists()
    services.declaratie_indienen(user=user, declaratie=concept)
    [gezien] = selectors.declaratie_list(user=gemeente)
    assert gezien.aantal_regels == 1 and gezien.aantal_goedgekeurd == 1
    assert not selectors.declaratie_list(user=aanbieder_user()).exists()


def test_uitval_counts_each_code_of_a_line_and_nets_credit_lines(tw, user):
    from declaraties.constants import DebetCredit, PrestatieStatus
    from tests.declaraties.factories import DeclaratieFactory, PrestatieFactory

    augustus = DeclaratieFactory(aanbieder=tw.aanbieder, gemeente=tw.gemeente)
    september = DeclaratieFactory(
        aanbieder=tw.aanbieder,
        gemeente=tw.gemeente,
        periode_begin=date(2026, 9, 1),
        periode_eind=date(2026, 9, 30),
    )
    afgekeurd = {"t": tw, "status": PrestatieStatus.AFGEKEURD}
    PrestatieFactory(declaratie=augustus, retourcodes=["9321", "9314"], **afgekeurd)
    PrestatieFactory(declaratie=augustus, retourcodes=["9321"], **afgekeurd)
    PrestatieFactory(
        declaratie=augustus,
        retourcodes=["9321"],
        debet_credit=DebetCredit.CREDIT,
        ingediend_bedrag=10000,
        **afgekeurd,
    )
    PrestatieFactory(declaratie=september, retourcodes=["9321"], **afgekeurd)
    PrestatieFactory(declaratie=september, retourcodes=[])  # approved: not uitval

    cijfers = {
        (u.maand, u.retourcode.code): (u.aantal, u.bedrag)
        for u in selectors.uitval_per_retourcode(user=user)
    }
    assert cijfers == {
        (date(2026, 8, 1), "9314"): (1, 42500),
        (date(2026, 8, 1), "9321"): (3, 42500 + 42500 - 10000),
        (date(2026, 9, 1), "9321"): (1, 42500),
    }
    assert selectors.uitval_per_retourcode(user=aanbieder_user()) == []
