"""Forms and API: absurd, out-of-range and injection input is refused or stored
harmlessly — never a server error. Walks every route of the portal."""

import re

from django.test import Client
from django.urls import get_resolver

import pytest

from tests.core.routes import OBJECT_ROUTES, object_pk, object_url, walk

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
INJECTIE = "'; DROP TABLE berichten_bericht; --"

# Every field name the portal's forms and write endpoints use, with hostile values.
VIJANDIG = {
    naam: waarde
    for namen, waarde in [
        (
            (
                "ingangsdatum",
                "einddatum",
                "begindatum",
                "geboortedatum",
                "periode",
                "van",
                "tot",
                "gewenste_ingangsdatum",
                "datum",
                "maand",
            ),
            "9999-99-99",
        ),
        (
            ("volume", "geleverd_volume", "bedrag", "budget", "tarief", "huisnummer"),
            "-99999999999999",
        ),
        (
            ("product", "aanbieder", "gemeente", "client", "toewijzing", "contract"),
            "1 OR 1=1",
        ),
        (
            (
                "eenheid",
                "frequentie",
                "reden_wijziging",
                "reden_beeindiging",
                "geslacht",
                "status_aanlevering",
                "categorie",
                "reden_afwijzing",
                "prijsvorm",
                "besluit",
            ),
            "ZZ",
        ),
        (("bsn", "agb_code", "kvk_nummer", "postcode", "iban", "btw_nummer"), "12ab<>"),
        (
            (
                "naam",
                "achternaam",
                "voorletters",
                "toelichting",
                "reden",
                "commentaar",
                "straat",
                "plaats",
                "referentie_aanbieder",
                "zoek",
            ),
            SCRIPT + INJECTIE,
        ),
    ]
    for naam in namen
}


def _routes():
    for route, _pattern in walk(get_resolver().url_patterns):
        if (
            route.startswith(("beheer/", "static/"))
            or "format" in route
            or "schema" in route
        ):
            continue
        if "<" in route or "(?P" in route:
            if route in OBJECT_ROUTES and OBJECT_ROUTES[route]:
                yield route
            continue
        yield route


def _concrete(route: str, wereld: dict, role: str) -> str:
    if route in OBJECT_ROUTES:
        return object_url(route, object_pk(wereld, OBJECT_ROUTES[route], role))
    return "/" + re.sub(r"[\^$]", "", route)


@pytest.mark.parametrize("role", ["gemeente_user", "aanbieder_user"])
def test_hostile_input_on_every_route_never_gives_a_server_error(twee_werelden, role):
    a, _b = twee_werelden
    client = Client(raise_request_exception=False)
    client.force_login(a[role])
    geprobeerd = 0
    for route in _routes():
        url = _concrete(route, a, role)
        for response in (
            client.post(url, VIJANDIG),
            client.post(url, VIJANDIG, content_type="application/json"),
            client.get(url, VIJANDIG),
        ):
            assert response.status_code < 500, (url, response.status_code)
        geprobeerd += 1
    assert geprobeerd >= 40


def test_injection_strings_are_stored_and_shown_escaped(gemeente_client):
    from stamgegevens.models import Aanbieder
    from tests.core.factories import aanbieder_user
    from tests.stamgegevens.factories import ContractFactory

    contract = ContractFactory(gemeente=gemeente_client.user.gemeente)
    client = Client()
    client.force_login(aanbieder_user(contract.aanbieder))
    response = client.post(
        "/api/wijzigingsverzoeken/",
        {"wijzigingen": {"naam": SCRIPT}, "toelichting": INJECTIE},
        content_type="application/json",
    )
    assert response.status_code == 201
    page = gemeente_client.get(f"/stamgegevens/wijzigingen/{response.json()['id']}/")
    assert SCRIPT not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()
    assert Aanbieder.objects.exists()  # nothing dropped
