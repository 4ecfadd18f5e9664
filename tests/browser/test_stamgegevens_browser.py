import pytest

from demo.stamgegevens import load_demo_data
from stamgegevens.models import Aanbieder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    load_demo_data()


def test_each_role_logs_in_and_sees_its_own_start_page(demo, login, page, live_server):
    login("gemeente")
    assert page.locator("h1").inner_text() == "Gemeente Achtkarspelen"
    assert page.get_by_role("link", name="Aanbieders").is_visible()
    page.click("text=Uitloggen")
    login("aanbieder")
    assert page.locator("h1").inner_text() == "Thuiszorg De Wâlden"
    assert page.get_by_role("link", name="Aanbieders").count() == 0
    page.click("text=Uitloggen")
    login("beheerder")
    assert page.get_by_role("link", name="Beheer").is_visible()


def test_r_g1_aanbieder_proposes_iban_change_and_gemeente_approves_in_the_browser(
    demo, login, page
):
    login("aanbieder")
    page.click("text=Wijziging doorgeven")
    page.fill("#id_iban", "NL20INGB0001234567")
    page.fill("#id_toelichting", "Nieuwe huisbank")
    page.click("text=Verzoek indienen")
    assert "ingediend bij de gemeente" in page.content()
    page.click("text=Uitloggen")
    login("gemeente")
    page.click("text=open wijzigingsverzoeken")
    page.locator("table tbody a").first.click()
    page.check("input[value=goedkeuren]")
    page.click("text=Besluit vastleggen")
    # R-G1 four eyes: an IBAN change waits for a second contract manager.
    assert "tweede contractmanager" in page.content()
    assert Aanbieder.objects.get(agb_code="98765432").iban != "NL20INGB0001234567"
    page.click("text=Uitloggen")
    login("gemeente2")
    page.click("text=open wijzigingsverzoeken")
    page.locator("table tbody a").first.click()
    page.check("input[value=goedkeuren]")
    page.click("text=Besluit vastleggen")
    assert "goedgekeurd en doorgevoerd" in page.content()
    assert Aanbieder.objects.get(agb_code="98765432").iban == "NL20INGB0001234567"
