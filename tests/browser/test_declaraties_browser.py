"""One month end to end in the browser: make, pre-check, send, check, correct, resend."""

from datetime import timedelta

import pytest

from declaraties.models import Prestatie
from declaraties.selectors import afgelopen_maanden
from demo.stamgegevens import load_demo_data
from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def maand(db):
    """The last month that is over, with a started toewijzing of 10 × ZL01 in it."""
    load_demo_data()
    maand = afgelopen_maanden()[0]
    toewijzing = ToewijzingFactory(
        client=ClientFactory(gemeente=Gemeente.objects.get(code="0059")),
        aanbieder=Aanbieder.objects.get(agb_code="98765432"),
        contract=Contract.objects.get(nummer="NOF-2026-001"),
        product=Product.objects.get(code="ZL01"),
        toewijzingsdatum=maand - timedelta(days=40),
        ingangsdatum=(maand - timedelta(days=1)).replace(day=1),
        volume=10,
        frequentie="4",
        gestart=True,
    )
    return maand, toewijzing


def _uitloggen_en_in(page, login, naam):
    page.click("text=Uitloggen")
    login(naam)


def test_a_month_from_proposal_to_corrected_resend(maand, login, page):
    maand, toewijzing = maand
    naam = toewijzing.client.naam

    # The aanbieder has the portal propose the month's lines.
    login("aanbieder")
    page.get_by_role("link", name="Declaraties", exact=True).click()
    page.click("text=Declaratie maken")
    page.select_option("#id_maand", maand.isoformat())
    page.click("text=Regels voorstellen")
    assert "1 regel(s) voorgesteld" in page.content()
    assert naam in page.content()

    # It edits the line (one too many), and the proefdeclaratie shows the gemeente's code.
    page.click("table.regels td:nth-child(3) a")
    page.fill("#id_geleverd_volume", "11")
    page.click("text=Opslaan")
    assert "De regel is gewijzigd" in page.content()
    page.click("text=Proefdeclaratie")
    assert "9321" in page.content() and "Verlaag het volume" in page.content()
    page.click("button:has-text('Versturen (WMO323)')")
    # The proefdeclaratie predicts a rejection: the portal asks first.
    assert "Weet u zeker dat u deze declaratie wilt versturen?" in page.content()
    page.click("button:has-text('Toch versturen')")
    assert "De declaratie is verstuurd" in page.content()

    # The gemeente sees it with its totals.
    _uitloggen_en_in(page, login, "gemeente")
    page.get_by_role("link", name="Declaraties", exact=True).click()
    totalen = page.locator("table.totalen tbody tr").first.inner_text()
    assert "Thuiszorg De Wâlden" in totalen
    assert totalen.count("€ 467,50") == 2 and "€ 0,00" in totalen

    # The aanbieder corrects the rejected line and sends it again.
    _uitloggen_en_in(page, login, "aanbieder")
    page.get_by_role("link", name="Afgekeurde regels", exact=True).click()
    rij = page.locator("table.regels tbody tr").first.inner_text()
    assert naam in rij and "9321" in rij and toewijzing.client.bsn not in rij
    page.click("table.regels td:nth-child(3) a")
    page.fill("#id_geleverd_volume", "10")
    page.click("text=Correctie klaarzetten")
    assert "De gecorrigeerde regel staat in een conceptdeclaratie" in page.content()
    page.click("button:has-text('Versturen (WMO323)')")
    assert "De declaratie is verstuurd" in page.content()

    keten = page.locator("ol.keten").first.inner_text()
    origineel, nieuw = Prestatie.objects.order_by("id")
    assert origineel.product_referentie in keten and nieuw.product_referentie in keten
    assert "origineel" in keten and "nieuwe regel" in keten and "Goedgekeurd" in keten
