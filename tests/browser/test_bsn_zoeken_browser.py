"""In the browser: a BSN search on the message log posts the form and lands on a
URL without the BSN that pages and sorts on (core/zoeken.py); no CSP violation."""

import pytest

from tests.berichten.factories import BerichtFactory
from tests.core.factories import gemeente_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "123456782"


def test_bsn_search_in_the_browser_keeps_the_bsn_out_of_every_url(page, live_server):
    user = gemeente_user(username="zoeker")
    eigen = BerichtFactory(gemeente=user.gemeente, bsn=BSN)
    BerichtFactory(gemeente=user.gemeente, aanbieder=eigen.aanbieder, bsn="999990019")
    urls, csp_fouten = [], []
    page.on("request", lambda r: urls.append(r.url))
    page.on(
        "console",
        lambda b: csp_fouten.append(b.text) if "Content Security" in b.text else None,
    )
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", "zoeker")
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/berichten/")
    assert page.locator("table tbody tr").count() == 2

    page.fill("#id_bsn", BSN)
    page.click("text=Filteren")
    page.wait_for_url("**zoekopdracht=**")
    assert page.locator("table tbody tr").count() == 1
    assert page.input_value("#id_bsn") == BSN
    # A sort link keeps the saved search: still the one message, still no BSN in a URL.
    page.click("a.portaal-sorteer >> nth=0")
    page.wait_for_url("**sortering=**")
    assert page.locator("table tbody tr").count() == 1
    assert not [u for u in urls if BSN in u]
    assert csp_fouten == []
