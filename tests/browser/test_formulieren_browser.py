"""The toewijzing form in the browser: required fields marked, dates as date
inputs, and after sending it empty an error summary at the top whose links take
the keyboard focus to the field; the date filter of the list is a date input."""

from datetime import date

import pytest

from core.models import User
from demo.stamgegevens import load_demo_data
from tests.toewijzingen.factories import geldig_bsn
from toewijzingen import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def client_visser(db):
    load_demo_data()
    return services.client_aanmaken(
        user=User.objects.get(username="gemeente"),
        bsn=geldig_bsn(4343),
        geboortedatum=date(1950, 3, 3),
        geslacht="2",
        achternaam="Visser",
        voorletters="A",
        huisnummer=3,
        postcode="9231AB",
    )


def test_error_summary_links_to_the_fields(client_visser, login, page, live_server):
    login("gemeente")
    page.goto(f"{live_server.url}/toewijzingen/clienten/{client_visser.pk}/toewijzing/")
    assert page.locator("#id_ingangsdatum").get_attribute("type") == "date"
    assert page.locator("#id_ingangsdatum").get_attribute("aria-required") == "true"
    assert (
        page.locator("label[for=id_ingangsdatum]").inner_text().endswith("(verplicht)")
    )
    assert "---------" not in page.content()
    # the browser's own check would stop an empty required field: send it anyway
    page.evaluate("document.querySelector('form.formulier').noValidate = true")
    page.click("form.formulier button[type=submit]")
    page.wait_for_load_state()
    samenvatting = page.locator(".foutoverzicht")
    assert samenvatting.is_visible()
    assert "fouten in het formulier" in samenvatting.inner_text()
    samenvatting.locator("a[href='#id_ingangsdatum']").click()
    assert page.evaluate("document.activeElement.id") == "id_ingangsdatum"
    assert page.locator("#id_ingangsdatum").get_attribute("aria-invalid") == "true"


def test_list_date_filter_is_a_date_input(client_visser, login, page, live_server):
    login("gemeente")
    page.goto(f"{live_server.url}/toewijzingen/")
    assert page.locator("#id_van").get_attribute("type") == "date"
    page.fill("#id_van", "2026-01-01")
    page.click("#lijstfilter button[type=submit]")
    page.wait_for_load_state()
    assert "Controleer het filter" not in page.content()
