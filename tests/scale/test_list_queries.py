"""Every list page and API list runs as many queries for 1,000 rows as for 10.

The routes are found by walking the URL configuration: an HTML list is a ListView
route without an object id, an API list a router `list` route. Each must be in
LIJSTEN with the model whose rows it shows, so `tests/scale/bulk.py` fills it; a new
list without an entry fails here.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from core.constants import Rol
from tests.core.routes import lijst_routes
from tests.scale import bulk

pytestmark = pytest.mark.django_db

KLEIN, GROOT = 10, 1_000

# route -> the model (or computed rows) it lists; bulk.GEVULD holds what vul() fills.
LIJSTEN = {
    "stamgegevens/contracten/": "Contract",
    "stamgegevens/aanbieders/": "Aanbieder",
    "stamgegevens/producten/": "Product",
    "stamgegevens/wijzigingen/": "Wijzigingsverzoek",
    "berichten/": "Bericht",
    "toewijzingen/clienten/": "Client",
    "toewijzingen/": "Toewijzing",
    "toewijzingen/verzoeken/": "Verzoek",
    "toewijzingen/signalen/": "Signaal",  # stored deadline signals
    "taken/": "Taak",  # each user's own background jobs
    "declaraties/": "Declaratie",
    "declaraties/afgekeurd/": "Prestatie",
    "declaraties/start-ontbreekt/": "Prestatie",
    "api/gemeenten/": "Gemeente",
    "api/aanbieders/": "Aanbieder",
    "api/producten/": "Product",
    "api/contracten/": "Contract",
    "api/wijzigingsverzoeken/": "Wijzigingsverzoek",
    "api/berichten/": "Bericht",
    "api/outbox/": "Bericht",
    "api/clienten/": "Client",
    "api/toewijzingen/": "Toewijzing",
    "api/leveringen/": "Levering",
    "api/verzoeken/": "Verzoek",
    "api/declaraties/": "Declaratie",
    "api/prestaties/": "Prestatie",
}

# An aanbieder sees one aanbieder, itself, however many there are.
VAST_AANTAL = {("api/aanbieders/", Rol.AANBIEDER)}
# The outbox lists only messages waiting to be fetched; bulk fills processed ones.
VAST_AANTAL |= {
    ("api/outbox/", rol) for rol in (Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER)
}


def test_every_list_route_has_a_data_builder():
    gevonden = set(lijst_routes())
    zonder = sorted(gevonden - set(LIJSTEN))
    assert not zonder, (
        f"List routes without rows in the scale test: {zonder}. Add them to "
        "LIJSTEN in tests/scale/test_list_queries.py (and let bulk.vul fill "
        "their model)."
    )
    assert set(LIJSTEN.values()) <= bulk.GEVULD


def _aantal_rijen(response) -> int | None:
    context = getattr(response, "context", None)
    if context is not None and "paginator" in context:
        paginator = context["paginator"]
        return paginator.count if paginator else len(context["object_list"])
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json()["count"]
    return None


def _meting(gebruikers) -> dict[tuple[str, str], tuple[int, int | None]]:
    """(route, rol) -> (queries, rows) for every list route and role."""
    uitkomst = {}
    for route, rollen in lijst_routes().items():
        for rol in rollen:
            client = Client()
            client.force_login(gebruikers[rol])
            url = "/" + route
            client.get(url)  # warm up: sessions, content types, codelists
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # Exports may run as a background job and send the user to its page.
            ok = response.status_code == 200 or (
                response.status_code == 302 and not response.url.startswith("/inl")
            )
            assert ok, (url, rol, response.status_code)
            uitkomst[route, rol] = (len(queries), _aantal_rijen(response))
    return uitkomst


def test_queries_per_list_do_not_grow_with_rows():
    w = bulk.wereld()
    gebruikers = {
        Rol.GEMEENTE: w.gemeente_user,
        Rol.AANBIEDER: w.aanbieder_user,
        Rol.BEHEERDER: w.beheerder,
    }
    bulk.vul(w, KLEIN)
    klein = _meting(gebruikers)
    bulk.vul(w, GROOT - KLEIN, begin=KLEIN)
    groot = _meting(gebruikers)

    verschillen = {
        sleutel: (klein[sleutel][0], groot[sleutel][0])
        for sleutel in klein
        if klein[sleutel][0] != groot[sleutel][0]
    }
    assert not verschillen, f"queries (10 rows, 1,000 rows): {verschillen}"
    for sleutel, (_, rijen) in groot.items():
        if rijen is None or sleutel in VAST_AANTAL:
            continue
        assert klein[sleutel][1] >= KLEIN, (sleutel, "rows", klein[sleutel])
        assert rijen >= GROOT, (sleutel, "rows", rijen)
