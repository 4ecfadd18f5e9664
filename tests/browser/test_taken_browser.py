"""The page of a background job follows its progress in the browser
(static/js/taak.js polls status.json; no inline script, so the CSP holds)."""

import pytest
from playwright.sync_api import expect

from core import taken
from core.models import Taak
from tests.core.factories import aanbieder_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_job_page_shows_progress_and_then_the_download(
    page, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    user = aanbieder_user(username="medewerker")
    taak = Taak.objects.create(
        gebruiker=user, soort="Export afgekeurde regels (CSV)", status=Taak.Status.BEZIG
    )
    csp_fouten = []
    page.on(
        "console",
        lambda b: csp_fouten.append(b.text) if "Content Security" in b.text else None,
    )
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", "medewerker")
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}{taak.get_absolute_url()}")
    assert page.locator("[data-veld=status]").inner_text() == "bezig"

    # The worker reports progress: the bar moves without a reload.
    taken.voortgang(taak, 3, 4)
    expect(page.locator("[data-veld=voortgang-tekst]")).to_contain_text("3 van 4")
    assert page.locator("[data-veld=voortgang]").evaluate("balk => balk.value") == 75

    # The job ends with a file: the page reloads and offers the download.
    taken.bestand_opslaan(taak, "regels.csv", b"bsn;code\n")
    Taak.objects.filter(pk=taak.pk).update(
        status=Taak.Status.KLAAR,
        voortgang=100,
        resultaat={"bestandsnaam": "regels.csv"},
    )
    download = page.get_by_role("link", name="Downloaden (regels.csv)")
    download.wait_for()
    with page.expect_download() as bestand:
        download.click()
    assert bestand.value.suggested_filename == "regels.csv"
    assert csp_fouten == []
