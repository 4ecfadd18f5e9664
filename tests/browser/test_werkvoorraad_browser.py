"""The werkvoorraad on the start page in a browser: mark an item handled for the
whole party (a real form post with its CSRF token) and it is gone, the rest stays."""

import pytest
from playwright.sync_api import expect

from tests.meldingen.factories import werk
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mark_a_werkvoorraad_item_handled(page, live_server):
    opzet = werk(GemeenteFactory(), AanbiederFactory())
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", opzet.aanbieder_user.username)
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/")
    geweigerd = page.locator("[data-soort=geweigerd]")
    expect(geweigerd).to_contain_text("declaratie-oktober.xml")
    expect(page.locator("[data-soort=start]")).to_contain_text("te laat")

    geweigerd.get_by_role("combobox", name="Afgehandeld voor").select_option("partij")
    geweigerd.get_by_role("button", name="Afgehandeld").click()
    expect(page.get_by_text("Afgehandeld: het staat niet meer")).to_be_visible()
    expect(page.locator("[data-soort=geweigerd]")).to_have_count(0)
    expect(page.locator("[data-soort=start]")).to_have_count(1)
