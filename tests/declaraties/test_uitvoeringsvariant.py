"""The uitvoeringsvariant of the contract: what may be assigned and declared (IV077, OP086)."""

from datetime import date

from django.test import Client as Browser

import pytest

from core.exceptions import ApplicationError
from declaraties.checks import controleer_declaratie, max_volume_per_periode
from stamgegevens.constants import Uitvoeringsvariant
from tests.core.factories import gemeente_user
from tests.declaraties.factories import prestatie_bericht, wmo323
from tests.stamgegevens.factories import ContractFactory, ContractProductFactory
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory
from toewijzingen import services

pytestmark = pytest.mark.django_db

OUTPUT = Uitvoeringsvariant.OUTPUTGERICHT
INSPANNING = Uitvoeringsvariant.INSPANNINGSGERICHT


def per_week(variant, ingang, einde, **kwargs):
    return ToewijzingFactory(
        declarabel=True,
        volume=300,
        frequentie="2",
        ingangsdatum=ingang,
        toewijzingsdatum=ingang,
        einddatum=einde,
        contract__uitvoeringsvariant=variant,
        contract__begindatum=date(2025, 1, 1),
        **kwargs,
    )


def maxima(tw, maanden):
    return [max_volume_per_periode(tw, begin, eind) for begin, eind in maanden]


def test_iv077_outputgericht_counts_sundays_and_the_last_broken_week():
    # IV077, voorbeeld 1 (the Oktober line starts on 07-10) and voorbeeld 2.
    kwartaal = [
        (date(2025, 10, 7), date(2025, 10, 31)),
        (date(2025, 11, 1), date(2025, 11, 30)),
        (date(2025, 12, 1), date(2025, 12, 31)),
    ]
    tw = per_week(OUTPUT, date(2025, 10, 7), date(2025, 12, 31))
    assert maxima(tw, kwartaal) == [900, 1500, 1500]  # 3, 5 and 4 + 1 weeks
    zomer = [
        (date(2025, 7, 7), date(2025, 7, 31)),
        (date(2025, 8, 1), date(2025, 8, 31)),
        (date(2025, 9, 1), date(2025, 9, 5)),
    ]
    tw = per_week(OUTPUT, date(2025, 7, 7), date(2025, 9, 5))
    assert maxima(tw, zomer) == [900, 1800, 0]  # the extra week goes with 31-08
    # Inspanningsgericht counts calendar week numbers instead (IV076).
    tw = per_week(INSPANNING, date(2025, 10, 7), date(2025, 12, 31))
    assert maxima(tw, kwartaal) == [1200, 1500, 1500]


def test_iv077_outputgericht_line_above_the_sundays_is_9321():
    tw = per_week(OUTPUT, date(2025, 10, 7), date(2025, 12, 31))
    oktober = {"begin": date(2025, 10, 7), "eind": date(2025, 10, 31)}

    def codes(volume):
        message = wmo323(
            tw.aanbieder,
            tw.gemeente,
            [(tw.client.bsn, [prestatie_bericht(tw, volume=volume, **oktober)])],
            periode=(date(2025, 10, 1), date(2025, 10, 31)),
            dagtekening=date(2025, 11, 3),
        )
        controle = controleer_declaratie(message, gemeente=tw.gemeente)
        return controle.per_prestatie[(1, 1)].retourcodes

    assert codes(900) == []  # 3 Sundays × 300
    assert codes(1200) == ["9321"]  # 4 calendar weeks: inspanningsgericht only


def test_op086_taakgericht_contract_gets_no_toewijzing_per_client(gemeente):
    taakgericht = ContractFactory(
        gemeente=gemeente, uitvoeringsvariant=Uitvoeringsvariant.TAAKGERICHT
    )
    cp = ContractProductFactory(contract=taakgericht)
    client = ClientFactory(gemeente=gemeente)
    user = gemeente_user(gemeente)
    with pytest.raises(ApplicationError, match="taakgericht.*OP086"):
        services.toewijzing_aanmaken(
            user=user,
            client=client,
            gegevens=services.ToewijzingGegevens(
                aanbieder=taakgericht.aanbieder,
                product=cp.product,
                ingangsdatum=date(2026, 9, 1),
                prijsvorm="onderhoud",
            ),
        )
    browser = Browser()
    browser.force_login(user)
    pagina = browser.get(f"/toewijzingen/clienten/{client.pk}/toewijzing/")
    assert taakgericht.nummer not in pagina.content.decode()  # not offered
    inspanning = ContractFactory(gemeente=gemeente, aanbieder=taakgericht.aanbieder)
    ContractProductFactory(contract=inspanning, product=cp.product)
    taakgericht.delete()
    tw = services.toewijzing_aanmaken(
        user=user,
        client=client,
        gegevens=services.ToewijzingGegevens(
            aanbieder=inspanning.aanbieder,
            product=cp.product,
            ingangsdatum=date(2026, 9, 1),
            prijsvorm="onderhoud",
        ),
    )
    assert tw.contract == inspanning


def test_iv077_contract_page_says_what_the_variant_changes(gemeente):
    browser = Browser()
    browser.force_login(gemeente_user(gemeente))
    for variant, tekst in (
        (OUTPUT, "telt een maand het aantal zondagen"),
        (INSPANNING, "telt een maand het aantal kalenderweken"),
        (
            Uitvoeringsvariant.TAAKGERICHT,
            "geen toewijzing en geen declaratie per cliënt",
        ),
    ):
        contract = ContractFactory(gemeente=gemeente, uitvoeringsvariant=variant)
        assert tekst in browser.get(contract.get_absolute_url()).content.decode()
