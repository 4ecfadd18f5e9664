"""The gemeente's review step and the payment file in the browser: the aanbieder
sends, the contract manager rejects a line with a retourcode, approves the rest
(the 325 leaves), and downloads the payment file made by a background job."""

from datetime import timedelta

import pytest

from declaraties.models import Declaratie
from declaraties.selectors import afgelopen_maanden
from demo.stamgegevens import load_demo_data
from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def maand(db, settings, tmp_path):
    """Achtkarspelen reviews its declaraties; two started toewijzingen of 10 × ZL01."""
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    gemeente = Gemeente.objects.get(code="0059")
    gemeente.declaraties_beoordelen = True
    gemeente.betaalrekening = "NL39RABO0300065264"
    gemeente.save()
    maand = afgelopen_maanden()[0]
    for _ in range(2):
        ToewijzingFactory(
            client=ClientFactory(gemeente=gemeente),
            aanbieder=Aanbieder.objects.get(agb_code="98765432"),
            contract=Contract.objects.get(nummer="NOF-2026-001"),
            product=Product.objects.get(code="ZL01"),
            toewijzingsdatum=maand - timedelta(days=40),
            ingangsdatum=(maand - timedelta(days=1)).replace(day=1),
            volume=10,
            frequentie="4",
            gestart=True,
        )
    return maand


def test_review_a_declaratie_and_export_the_payment_file(
    maand, login, page, live_server
):
    csp_fouten = []
    page.on(
        "console",
        lambda b: csp_fouten.append(b.text) if "Content Security" in b.text else None,
    )
    login("aanbieder")
    page.get_by_role("link", name="Declaraties", exact=True).click()
    page.click("text=Declaratie maken")
    page.select_option("#id_maand", maand.isoformat())
    page.click("text=Regels voorstellen")
    page.click("button:has-text('Versturen (WMO323)')")
    assert "De declaratie is verstuurd" in page.content()
    assert "Wordt beoordeeld door de gemeente" in page.content()
    declaratie = Declaratie.objects.filter(status="beoordelen").get()
    assert declaratie.antwoord is None  # no 325 yet

    # The contract manager reviews: the R-D8 deadline, one line rejected with a code.
    page.click("text=Uitloggen")
    login("gemeente")
    page.goto(f"{live_server.url}/declaraties/{declaratie.pk}/")
    page.get_by_role("link", name="Beoordelen", exact=True).click()
    termijn = page.locator("#termijn").inner_text()
    assert "moet uiterlijk" in termijn and "R-D8" in termijn
    eerste = page.locator("table.beoordelen tbody tr").first
    eerste.locator("select[name=retourcode]").select_option("9321")
    eerste.locator("input[name=reden]").fill("Niet geleverd")
    eerste.locator("button:has-text('Afkeuren')").click()
    assert "is afgekeurd (9321)" in page.content()
    assert "Niet geleverd" in page.content()
    page.click("#afronden")
    assert "het antwoord is verstuurd" in page.content()
    declaratie.refresh_from_db()
    assert declaratie.status == "beantwoord" and declaratie.antwoord is not None

    # The payment file: a background job, then the download.
    page.get_by_role("link", name="Declaraties", exact=True).click()
    page.get_by_role("link", name="Betaalbestand", exact=True).click()
    page.select_option("#id_formaat", "csv")
    page.click("text=Betaalbestand maken")
    download = page.get_by_role("link", name="Downloaden")
    download.wait_for()
    with page.expect_download() as bestand:
        download.click()
    inhoud = bestand.value.path().read_text(encoding="utf-8-sig")
    assert "Thuiszorg De Wâlden" in inhoud and ";" in inhoud
    page.get_by_role("link", name="Declaraties", exact=True).click()
    page.get_by_role("link", name="Betaalbestand", exact=True).click()
    page.select_option("#id_formaat", "xml")
    page.click("text=Betaalbestand maken")
    download = page.get_by_role("link", name="Downloaden")
    download.wait_for()
    with page.expect_download() as bestand:
        download.click()
    assert b"pain.001.001.03" in bestand.value.path().read_bytes()
    assert csp_fouten == []
