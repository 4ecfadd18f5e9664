"""Cliënt data checked when typed: the postcode is normalised, not cut short, and
the address TR061 needs is asked for on the cliënt form, linked from where it is
needed."""

from urllib.parse import quote

from django.test import Client as Browser

import pytest

from core.exceptions import ApplicationError
from tests.toewijzingen.factories import ClientFactory, VerzoekFactory, geldig_bsn
from toewijzingen import services
from toewijzingen.models import Client

URL = "/toewijzingen"
CLIENT = {
    "geboortedatum": "1950-01-01",
    "geslacht": "1",
    "achternaam": "Jansen",
    "naam_gebruik": "1",
    "huisnummer": "114",
    "straat": "Westerstraat",
    "plaats": "Surhuisterveen",
}


@pytest.fixture(name="gm")
def gemeente_browser(opzet):
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    return browser


@pytest.mark.parametrize("getypt", ["9231 AB", "9231ab", " 9231 ab "])
def test_postcode_normalised_when_typed(opzet, gm, getypt):
    response = gm.post(
        f"{URL}/clienten/nieuw/", CLIENT | {"bsn": geldig_bsn(800), "postcode": getypt}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Client.objects.get(bsn=geldig_bsn(800)).postcode == "9231AB"


def test_postcode_field_takes_the_space(opzet, gm):
    html = gm.get(f"{URL}/clienten/nieuw/").content.decode()
    assert 'maxlength="6"' not in html.split('name="postcode"')[1].split(">")[0]


@pytest.mark.parametrize("getypt", ["9231A", "0231AB", "9231 SS"])
def test_postcode_invalid_refused_not_cut(opzet, gm, getypt):
    response = gm.post(
        f"{URL}/clienten/nieuw/", CLIENT | {"bsn": geldig_bsn(801), "postcode": getypt}
    )
    assert response.status_code == 200
    assert "geen geldige Nederlandse postcode" in str(
        response.context["form"].errors["postcode"]
    )
    assert not Client.objects.filter(bsn=geldig_bsn(801)).exists()


def test_postcode_service_normalises_and_refuses(opzet):
    client = services.client_wijzigen(
        user=opzet.gemeente_user, client=opzet.client, postcode="9231 ab"
    )
    assert client.postcode == "9231AB"
    with pytest.raises(ApplicationError, match="postcode") as exc:
        services.client_wijzigen(
            user=opzet.gemeente_user, client=opzet.client, postcode="9231A"
        )
    assert exc.value.extra["velden"]["postcode"]


def test_huisnummer_needs_postcode(opzet, gm):
    response = gm.post(
        f"{URL}/clienten/nieuw/", CLIENT | {"bsn": geldig_bsn(802), "postcode": ""}
    )
    assert "ook de postcode" in str(response.context["form"].errors["postcode"])


def test_tr061_address_asked_on_client_form_from_toewijzing(opzet, gm):
    zonder = ClientFactory(gemeente=opzet.gemeente, huisnummer=None, postcode="")
    toewijzing_url = f"{URL}/clienten/{zonder.pk}/toewijzing/"
    # The toewijzing form sends the user to the cliënt form first.
    response = gm.get(toewijzing_url)
    assert response.status_code == 302
    assert response.url.startswith(
        f"{URL}/clienten/{zonder.pk}/wijzigen/?nodig=contact"
    )
    assert quote(toewijzing_url, safe="") in response.url
    pagina = gm.get(response.url)
    html = pagina.content.decode()
    assert "TR061" in html and 'id="contact-nodig"' in html
    # Without an address or phone the cliënt form now refuses.
    data = {
        "geboortedatum": "1948-05-17",
        "geslacht": "2",
        "achternaam": zonder.achternaam,
        "naam_gebruik": "1",
    }
    geweigerd = gm.post(response.url, data)
    assert geweigerd.status_code == 200
    assert "TR061" in str(geweigerd.context["form"].non_field_errors())
    # With it, the user is back at the toewijzing.
    opgeslagen = gm.post(response.url, data | {"huisnummer": 3, "postcode": "9231 ab"})
    assert opgeslagen.status_code == 302 and opgeslagen.url == toewijzing_url
    zonder.refresh_from_db()
    assert (zonder.huisnummer, zonder.postcode) == (3, "9231AB")
    assert gm.get(toewijzing_url).status_code == 200


def test_tr061_link_on_client_and_verzoek_pages(opzet, gm):
    zonder = ClientFactory(gemeente=opzet.gemeente, huisnummer=None, postcode="")
    html = gm.get(f"{URL}/clienten/{zonder.pk}/").content.decode()
    assert 'id="contact-ontbreekt"' in html and "nodig=contact" in html
    verzoek = VerzoekFactory(client=zonder, aanbieder=opzet.aanbieder)
    html = gm.get(f"{URL}/verzoeken/{verzoek.pk}/").content.decode()
    assert 'id="contact-ontbreekt"' in html
    # A cliënt with an address gets no such note.
    html = gm.get(f"{URL}/clienten/{opzet.client.pk}/").content.decode()
    assert 'id="contact-ontbreekt"' not in html


def test_volgende_only_local(opzet, gm):
    url = f"{URL}/clienten/{opzet.client.pk}/wijzigen/?volgende=https://evil.example/"
    data = {
        "geboortedatum": "1948-05-17",
        "geslacht": "2",
        "achternaam": "Bakker",
        "naam_gebruik": "1",
        "huisnummer": 3,
        "postcode": "9231AB",
    }
    response = gm.post(url, data)
    assert response.url == f"{URL}/clienten/{opzet.client.pk}/"
