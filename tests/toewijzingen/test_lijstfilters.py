"""The list filters: search on the cliënt's name and on the last 4 digits of the
BSN (by POST, never in the URL), dates as date inputs that refuse a non-date with
a clear error, 'Alle' as the empty choice, and choices only from the user's
contracts (another aanbieder's name or AGB code never in the page)."""

from html import unescape

import pytest

from tests.core.factories import aanbieder_user
from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    ContractProductFactory,
    GemeenteFactory,
    ProductFactory,
)
from tests.toewijzingen.factories import (
    ClientFactory,
    ToewijzingFactory,
    VerzoekFactory,
)
from tests.toewijzingen.opzet_helpers import ingelogd

pytestmark = pytest.mark.django_db

URL = "/toewijzingen"


@pytest.fixture(name="twee")
def twee_toewijzingen(opzet):
    jansen = ClientFactory(gemeente=opzet.gemeente, achternaam="Jansen", voorvoegsel="")
    vries = ClientFactory(gemeente=opzet.gemeente, achternaam="Vries", voorvoegsel="de")
    for client in (jansen, vries):
        ToewijzingFactory(
            client=client,
            aanbieder=opzet.aanbieder,
            contract=opzet.contract,
            product=opzet.product,
        )
    return jansen, vries


def zoek(browser, url: str, data: dict):
    """Post the filter form like the browser does; follow to the list."""
    response = browser.post(url, data)
    assert response.status_code == 302
    return response.url, browser.get(response.url)


def test_toewijzingen_searched_by_name_without_the_name_in_the_url(gm, twee):
    jansen, vries = twee
    url, lijst = zoek(gm, f"{URL}/", {"naam": "de vries"})
    html = lijst.content.decode()
    assert vries.achternaam in html and jansen.achternaam not in html
    assert "vries" not in url.lower() and "zoekopdracht=" in url


def test_toewijzingen_searched_by_the_last_4_bsn_digits_by_post(gm, twee):
    jansen, vries = twee
    url, lijst = zoek(gm, f"{URL}/", {"bsn": jansen.bsn[-4:]})
    html = lijst.content.decode()
    assert jansen.achternaam in html and vries.achternaam not in html
    assert jansen.bsn[-4:] not in url
    # a BSN typed into the URL does not search
    html = gm.get(f"{URL}/?bsn={jansen.bsn[-4:]}").content.decode()
    assert vries.achternaam in html


def test_bsn_search_of_other_lengths_is_an_error(gm, twee):
    _, lijst = zoek(gm, f"{URL}/", {"bsn": "123"})
    assert "laatste 4 cijfers" in unescape(lijst.content.decode())


def test_no_numeric_client_id_filter_on_the_screen(gm, twee):
    html = gm.get(f"{URL}/").content.decode()
    assert "Cliënt (id)" not in html
    assert "Naam cliënt" in html and "BSN of laatste 4 cijfers" in html


def test_clienten_searched_by_name_or_last_4_bsn_digits(gm, twee):
    jansen, vries = twee
    _, lijst = zoek(gm, f"{URL}/clienten/", {"zoek": vries.bsn[-4:]})
    html = lijst.content.decode()
    assert vries.achternaam in html and jansen.achternaam not in html
    _, lijst = zoek(gm, f"{URL}/clienten/", {"zoek": "jans"})
    html = lijst.content.decode()
    assert jansen.achternaam in html and vries.achternaam not in html


def test_verzoeken_searched_by_name(opzet, gm):
    jansen = ClientFactory(gemeente=opzet.gemeente, achternaam="Jansen")
    bakker = ClientFactory(gemeente=opzet.gemeente, achternaam="Pietersma")
    for client, ref in ((jansen, "REF-J"), (bakker, "REF-P")):
        VerzoekFactory(
            client=client,
            gemeente=opzet.gemeente,
            aanbieder=opzet.aanbieder,
            referentie_aanbieder=ref,
        )
    _, lijst = zoek(gm, f"{URL}/verzoeken/", {"naam": "Jansen"})
    html = lijst.content.decode()
    assert "REF-J" in html and "REF-P" not in html


def test_a_date_filter_is_a_date_input_and_refuses_gisteren(gm, twee):
    html = gm.get(f"{URL}/").content.decode()
    assert 'type="date" name="van"' in html or (
        'name="van"' in html and 'type="date"' in html
    )
    response = gm.get(f"{URL}/?van=gisteren")
    fout = unescape(response.content.decode())
    assert "Controleer het filter" in fout
    assert list(response.context["object_list"]) == []  # not quietly unfiltered
    assert "Vul een geldige datum in" in fout
    goed = unescape(gm.get(f"{URL}/?van=2026-01-01").content.decode())
    assert "Controleer het filter" not in goed


def test_onderhanden_filter_offers_alle_not_onbekend(gm, opzet):
    html = gm.get(f"{URL}/verzoeken/").content.decode()
    assert "Onbekend" not in html
    assert '<option value="" selected>Alle</option>' in html
    assert "---------" not in html


def test_filter_choices_name_only_contract_parties(opzet, gm):
    """Another aanbieder (no contract with this gemeente) and its product never
    appear in the filters of any list of the gemeente; nor another gemeente in
    the aanbieder's."""
    vreemd = AanbiederFactory(naam="Vreemde Zorg BV", agb_code="98765432")
    andere_gemeente = GemeenteFactory(naam="Verweggistan", code="9999")
    contract = ContractFactory(gemeente=andere_gemeente, aanbieder=vreemd)
    ContractProductFactory(contract=contract, product=ProductFactory(code="VRMD1"))
    pagina_s = [
        f"{URL}/",
        f"{URL}/verzoeken/",
        f"{URL}/clienten/",
        "/stamgegevens/contracten/",
        "/berichten/",
        "/declaraties/",
    ]
    for pad in pagina_s:
        response = gm.get(pad)
        assert response.status_code == 200, pad
        html = response.content.decode()
        for geheim in ("Vreemde Zorg BV", "98765432", "VRMD1", "Verweggistan"):
            assert geheim not in html, (pad, geheim)
    # the own contract party is a choice
    assert opzet.aanbieder.naam in gm.get(f"{URL}/").content.decode()
    # and the aanbieder sees no gemeente it has no contract with
    ab = ingelogd(aanbieder_user(opzet.aanbieder))
    for pad in (f"{URL}/", f"{URL}/verzoeken/"):
        html = ab.get(pad).content.decode()
        assert "Verweggistan" not in html and "Vreemde Zorg BV" not in html
        assert opzet.gemeente.naam in html
