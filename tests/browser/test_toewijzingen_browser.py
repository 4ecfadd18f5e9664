"""Issue 4 end to end: verzoek (315) → honoured (301) → start (305) → stop (307),
each role in its own browser session on the demo data."""

from datetime import date

from django.utils import timezone

import pytest

from core.models import User
from demo.stamgegevens import load_demo_data
from stamgegevens.models import Product
from tests.toewijzingen.factories import geldig_bsn
from toewijzingen import services
from toewijzingen.models import Levering, Toewijzing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = geldig_bsn(4242)


@pytest.fixture
def demo(db):
    load_demo_data()
    # The gemeente knows the cliënt with an address (TR061 for the 301).
    services.client_aanmaken(
        user=User.objects.get(username="gemeente"),
        bsn=BSN,
        geboortedatum=date(1950, 3, 3),
        geslacht="2",
        achternaam="Visser",
        voorletters="A",
        straat="Westerstraat",
        huisnummer=3,
        postcode="9231AB",
        plaats="Surhuisterveen",
    )


def uitloggen(page):
    page.click("text=Uitloggen")
    page.wait_for_load_state()


def melding(page) -> str:
    return page.locator(".meldingen").inner_text()


def test_verzoek_to_301_to_start_and_stop_for_each_role(demo, login, page, live_server):
    vandaag = timezone.localdate().isoformat()
    product = Product.objects.get(code="ZL01")

    # The aanbieder asks for a toewijzing (WMO315).
    login("aanbieder")
    page.get_by_role("link", name="Verzoeken", exact=True).click()
    page.click("text=Verzoek om toewijzing (WMO315)")
    page.select_option("#id_gemeente", label="Achtkarspelen (0059)")
    page.fill("#id_bsn", BSN)
    page.fill("#id_geboortedatum", "1950-03-03")
    page.select_option("#id_geslacht", "2")
    page.fill("#id_achternaam", "Visser")
    page.fill("#id_referentie_aanbieder", "BRW-1")
    page.select_option("#id_product", str(product.pk))
    page.fill("#id_ingangsdatum", vandaag)
    page.fill("#id_volume", "4")
    # The eenheid is the product's (R-T4): shown, not chosen.
    page.select_option("#id_frequentie", "4")
    page.click("text=Verzoek versturen (WMO315)")
    assert "verzoek om toewijzing is verstuurd" in melding(page)
    assert "WMO316" in page.content()
    uitloggen(page)

    # The gemeente finds it in the work list and honours it (WMO301).
    login("gemeente")
    assert "verzoeken om toewijzing onderhanden" in page.content()
    page.get_by_role("link", name="Verzoeken", exact=True).click()
    page.click("text=BRW-1")
    page.check("input[value=honoreren]")
    page.click("text=Besluit versturen")
    assert "gehonoreerd" in melding(page)
    toewijzing = Toewijzing.objects.get(referentie_aanbieder="BRW-1")
    assert (
        page.locator("h1").inner_text() == f"Toewijzing {toewijzing.toewijzing_nummer}"
    )
    berichten = page.locator("table").last.inner_text()
    assert (
        "WMO301" in berichten and "WMO302" in berichten and "geaccepteerd" in berichten
    )
    uitloggen(page)

    # The aanbieder sees the new toewijzing and reports start and stop.
    login("aanbieder")
    page.get_by_role("link", name="Toewijzingen", exact=True).click()
    rij = page.locator("tbody tr", has_text="Visser")
    assert "Nieuw" in rij.inner_text()
    rij.get_by_role("link").first.click()
    page.click("text=Start zorg melden")
    assert page.input_value("#id_begindatum") == vandaag
    page.click("text=Start melden (WMO305)")
    assert "start zorg is gemeld" in melding(page)
    assert page.locator("#toewijzing-status").inner_text() == "Gestart"
    page.click("text=Stop zorg melden")
    page.select_option("#id_reden_beeindiging", "02")
    page.fill("#id_einddatum", "2000-01-01")  # refused in the form, with the reason
    page.click("text=Stop melden (WMO307)")
    assert "TR018" in page.locator(".fout").first.inner_text()
    page.fill("#id_einddatum", vandaag)
    page.click("text=Stop melden (WMO307)")
    assert "stop zorg is gemeld" in melding(page)
    assert page.locator("#toewijzing-status").inner_text() == "Gestopt"
    assert "WMO308" in page.content()
    uitloggen(page)

    # The gemeente sees the stop and can confirm the overlijden (R-T8).
    login("gemeente")
    page.goto(f"{live_server.url}/toewijzingen/?status=gestopt")
    nummer = str(toewijzing.toewijzing_nummer)
    page.get_by_role("link", name=nummer, exact=True).click()
    assert "Stop zorg (WMO307)" in page.locator("#leveringen").inner_text()
    page.click("text=Overlijden bevestigen")
    assert "Einddatum wordt" in page.locator("#voorbeeld").inner_text()
    page.click("text=Bevestigen (WMO301)")
    assert "verstuurd (WMO301)" in melding(page)
    assert page.locator("#toewijzing-status").inner_text() == "Beëindigd"
    assert Levering.objects.filter(toewijzing=toewijzing).count() == 2
