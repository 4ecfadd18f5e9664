"""The admin under the Content-Security-Policy: the import-export "select all"
toggle of the export form works (no inline handler the CSP blocks), and the page
raises no CSP violation."""

import pytest

from demo.stamgegevens import load_demo_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    load_demo_data()


def test_export_select_all_toggle_works_under_the_csp(demo, login, page, live_server):
    meldingen = []
    page.on("console", lambda bericht: meldingen.append(bericht.text))
    login("beheerder")
    page.goto(f"{live_server.url}/beheer/stamgegevens/product/export/")
    page.wait_for_load_state("networkidle")
    velden = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert velden.count() >= 2
    toggle = page.locator("input.select-toggle").first
    toggle.uncheck()
    aangevinkt = velden.evaluate_all("boxes => boxes.filter(b => b.checked).length")
    assert aangevinkt == 0
    toggle.check()
    aangevinkt = velden.evaluate_all("boxes => boxes.filter(b => b.checked).length")
    assert aangevinkt == velden.count()
    csp = [m for m in meldingen if "Content Security Policy" in m]
    assert not [m for m in csp if "script" in m], csp
