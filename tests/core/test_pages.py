"""Login, logout, the base layout and the start page per role."""

import pytest

from demo.stamgegevens import DEMO_WACHTWOORD, load_demo_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo_data()


def _login(client, username):
    response = client.post(
        "/inloggen/", {"username": username, "password": DEMO_WACHTWOORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response.url)


def test_login_page_is_dutch_and_bad_password_is_refused(client, demo):
    page = client.get("/inloggen/").content.decode()
    assert '<html lang="nl">' in page and "Wachtwoord" in page
    refused = client.post("/inloggen/", {"username": "gemeente", "password": "fout"})
    assert "onjuist" in refused.content.decode()


def test_start_page_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/inloggen/")


def test_gemeente_start_page_lists_the_regio_contracts_and_products(client, demo):
    page = _login(client, "gemeente").content.decode()
    assert "Gemeente Achtkarspelen" in page
    assert "NOF-2026-001" in page and "NOF-2026-003" in page
    assert "LWD-2026-001" not in page  # Leeuwarden's own contract
    assert "ZL01" in page and "€ 42,50" in page
    assert 'href="/stamgegevens/aanbieders/"' in page  # gemeente navigation


def test_aanbieder_start_page_lists_only_its_own_contract(client, demo):
    page = _login(client, "aanbieder").content.decode()
    assert "Thuiszorg De Wâlden" in page and "NL91ABNA0417164300" in page
    assert "NOF-2026-001" in page
    assert "NOF-2026-002" not in page
    assert 'href="/stamgegevens/aanbieders/"' not in page
    assert "Wijziging doorgeven" in page


def test_beheerder_start_page_links_to_product_maintenance(client, demo):
    page = _login(client, "beheerder").content.decode()
    assert 'href="/beheer/"' in page
    assert "LWD-2026-001" in page and "NOF-2026-001" in page


def test_logout_ends_the_session(client, demo):
    _login(client, "gemeente")
    client.post("/uitloggen/")
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/stamgegevens/contracten/",
        "/stamgegevens/producten/?status=vervallen",
        "/stamgegevens/wijzigingen/",
        "/stamgegevens/producten/?zoek=ZL&categorie=01",
    ],
)
def test_list_pages_render_for_every_role(client, demo, url):
    for username in ("gemeente", "aanbieder", "beheerder"):
        client.logout()
        _login(client, username)
        assert client.get(url).status_code == 200


def test_product_list_filters_on_status(client, demo):
    _login(client, "gemeente")
    page = client.get("/stamgegevens/producten/?status=vervallen").content.decode()
    assert "ZL07" in page and "ZL08" not in page


def test_contract_detail_shows_tarieven_and_history(client, demo):
    _login(client, "gemeente")
    from stamgegevens.models import Contract

    contract = Contract.objects.get(nummer="NOF-2026-001")
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "Historie" in page and "ZL13" in page and "€ 145,00" in page
