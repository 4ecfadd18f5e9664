"""Bulk start zorg in the browser: tick toewijzingen on the list, one begindatum, one
job whose page shows a result per toewijzing (a refused one with its reason)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from demo.stamgegevens import load_demo_data
from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory
from toewijzingen.models import Levering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def toewijzingen(db):
    load_demo_data()
    vandaag = timezone.localdate()

    def maak(ingang):
        return ToewijzingFactory(
            client=ClientFactory(gemeente=Gemeente.objects.get(code="0059")),
            aanbieder=Aanbieder.objects.get(agb_code="98765432"),
            contract=Contract.objects.get(nummer="NOF-2026-001"),
            product=Product.objects.get(code="ZL01"),
            toewijzingsdatum=vandaag - timedelta(days=10),
            ingangsdatum=ingang,
        )

    # Two start on the begindatum; the third begins later (R-S1 refuses it).
    return [
        maak(vandaag - timedelta(days=7)),
        maak(vandaag - timedelta(days=7)),
        maak(vandaag - timedelta(days=2)),
    ]


def test_bulk_start_from_the_list_to_the_result_per_toewijzing(
    toewijzingen, login, page
):
    begindatum = timezone.localdate() - timedelta(days=5)
    login("aanbieder")
    page.get_by_role("link", name="Toewijzingen", exact=True).click()
    for t in toewijzingen:
        page.get_by_label(f"Selecteer toewijzing {t.toewijzing_nummer}").check()
    page.fill("input[name=begindatum]", begindatum.isoformat())
    page.click("text=Start melden voor selectie")

    page.get_by_text("2 gelukt, 1 geweigerd.").wait_for()
    regels = page.locator(".taak-regels li")
    assert regels.count() == 3
    geweigerd = page.locator(".taak-regels li.fout")
    assert f"Toewijzing {toewijzingen[2].toewijzing_nummer}: geweigerd" in (
        geweigerd.inner_text()
    )
    assert Levering.objects.count() == 2
    page.get_by_role(
        "link", name=f"Toewijzing {toewijzingen[0].toewijzing_nummer}: start zorg"
    ).click()
    assert str(toewijzingen[0].toewijzing_nummer) in page.content()
