"""The gemeente's dashboard in the browser: Chart.js draws from json_script (no CSP
violation), a drill-down from uitval to the afgekeurde regels, and the Excel export."""

import io
from datetime import date

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from declaraties.constants import PrestatieStatus
from demo.stamgegevens import load_demo_data
from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
from tests.declaraties.factories import DeclaratieFactory, PrestatieFactory
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def afgekeurd(db):
    """One approved and one rejected line (9321) of this year, demo parties."""
    load_demo_data()
    jaar = timezone.localdate().year
    gemeente = Gemeente.objects.get(code="0059")
    aanbieder = Aanbieder.objects.get(agb_code="98765432")
    t = ToewijzingFactory(
        client=ClientFactory(gemeente=gemeente),
        gemeente=gemeente,
        aanbieder=aanbieder,
        contract=Contract.objects.get(nummer="NOF-2026-001"),
        product=Product.objects.get(code="ZL01"),
        ingangsdatum=date(jaar, 1, 1),
        volume=10,
        frequentie="4",
    )
    declaratie = DeclaratieFactory(aanbieder=aanbieder, gemeente=gemeente)
    maand = {"begindatum": date(jaar, 1, 1), "einddatum": date(jaar, 1, 31)}
    PrestatieFactory(t=t, declaratie=declaratie, ingediend_bedrag=42500, **maand)
    return PrestatieFactory(
        t=t,
        declaratie=declaratie,
        ingediend_bedrag=46750,
        status=PrestatieStatus.AFGEKEURD,
        retourcodes=["9321"],
        **maand,
    )


def test_dashboard_charts_drill_down_and_export(afgekeurd, login, page):
    csp_fouten = []
    page.on(
        "console",
        lambda b: csp_fouten.append(b.text) if "Content Security" in b.text else None,
    )
    login("gemeente")
    page.get_by_role("link", name="Rapportages", exact=True).click()
    assert page.locator("h1").inner_text().startswith("Rapportages")

    # Chart.js drew every chart from its json_script data.
    grafieken = page.locator("canvas[data-grafiek]")
    assert grafieken.count() >= 4
    # Deferred scripts may still run after the click returns: wait (5 s at most).
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-grafiek]')]"
        ".every(c => window.Chart && Chart.getChart(c))",
        timeout=5000,
    )
    # The same figures as a table: uitval of the aanbieder is 1 of 2 lines.
    uitval = page.locator("#uitval tbody tr", has_text="9321")
    assert "50,0%" in uitval.inner_text()

    # The Excel export of the same page.
    with page.expect_download() as download:
        page.click("button:has-text('Exporteren naar Excel')")
    blad = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    waarden = [c.value for rij in blad.iter_rows() for c in rij]
    assert "Uitval: afgekeurde regels per aanbieder en retourcode" in " ".join(
        str(w) for w in waarden
    )
    assert 467.5 in waarden or 892.5 in waarden  # afgekeurd / ingediend in euro

    # Drill-down: the rejected line itself, in the list of afgekeurde regels.
    uitval.get_by_role("link", name="Bekijk regels").click()
    assert "/declaraties/afgekeurd/" in page.url and "retourcode=9321" in page.url
    rij = page.locator("table.regels tbody tr").first.inner_text()
    assert "9321" in rij and afgekeurd.bsn not in rij and "467,50" in rij
    assert csp_fouten == []
