"""Sorting: every HTML list on each allowed column (`?sortering=`), every API list on
its `ordering_fields` (`?ordering=`); anything else is ignored, never an error."""

import re

from django.test import Client
from django.urls import get_resolver

import pytest

from core.constants import Rol
from core.lists import SorteerbareLijstMixin
from tests.core.routes import lijst_routes, walk
from tests.scale import bulk

pytestmark = pytest.mark.django_db

# Lists not (yet) on SorteerbareLijstMixin, with the reason. Keep this empty.
NOG_NIET_SORTEERBAAR = {
    # core/taken_views.py is new work of its own; wire it to the mixin there.
    "taken/",
}

ONBEKEND = [
    "onbekend",
    "-",
    "--naam",
    "pk",
    "password",
    "aanbieder__wachtwoord",
    "naam; DROP TABLE stamgegevens_aanbieder; --",
    "' OR 1=1 --",
]
# DRF keeps the valid names of a comma list ("naam,status" sorts on status).
ONBEKEND_HTML = [*ONBEKEND, "naam,status", "naam status"]


@pytest.fixture
def wereld():
    w = bulk.wereld()
    bulk.vul(w, 12)
    return w


def _client(w, rol) -> Client:
    gebruiker = {
        Rol.GEMEENTE: w.gemeente_user,
        Rol.AANBIEDER: w.aanbieder_user,
        Rol.BEHEERDER: w.beheerder,
    }[rol]
    client = Client()
    client.force_login(gebruiker)
    return client


def _views() -> dict[str, type]:
    return {
        route: pattern.callback.view_class
        for route, pattern in walk(get_resolver().url_patterns)
        if hasattr(pattern.callback, "view_class")
    }


def html_lijsten() -> list[tuple[str, type, tuple[str, ...]]]:
    views = _views()
    return [
        (route, views[route], rollen)
        for route, rollen in lijst_routes().items()
        if route in views
        and "export." not in route
        and route not in NOG_NIET_SORTEERBAAR
    ]


def _waarde(rij, pad: str):
    for naam in pad.split("__"):
        if rij is None:
            return None
        rij = getattr(rij, naam)
    return rij


def _sleutel(waarde):
    """Compare as the databases do for this data (PostgreSQL collations ignore case
    and punctuation at first)."""
    if isinstance(waarde, str):
        return "".join(teken for teken in waarde.casefold() if teken.isalnum())
    return waarde


def _gesorteerd(waarden: list, aflopend: bool) -> bool:
    gevuld = [_sleutel(w) for w in waarden if w is not None]
    nulls = [w is None for w in waarden]
    # Empty values last, in both directions.
    if nulls != sorted(nulls):
        return False
    return gevuld == sorted(gevuld, reverse=aflopend)


def test_every_html_list_is_sortable():
    lijsten = html_lijsten()
    assert len(lijsten) >= 12
    for route, view, _ in lijsten:
        assert issubclass(view, SorteerbareLijstMixin), route
        assert view.sorteer_velden, f"{route}: no sorteer_velden"
        assert view.paginate_by, f"{route}: not paginated"


def test_html_lists_sort_on_each_allowed_column(wereld):
    for route, view, rollen in html_lijsten():
        koppen = set()  # columns with a header link (some for one role only)
        for rol in rollen:
            client = _client(wereld, rol)
            for kolom, velden in view.sorteer_velden.items():
                eerste = velden if isinstance(velden, str) else velden[0]
                for richting in ("", "-"):
                    url = f"/{route}?sortering={richting}{kolom}"
                    response = client.get(url)
                    assert response.status_code == 200, (url, rol)
                    rijen = list(response.context["object_list"])
                    waarden = [_waarde(r, eerste) for r in rijen]
                    assert _gesorteerd(waarden, bool(richting)), (url, rol, waarden)
                    html = response.content.decode()
                    koppen |= {
                        k
                        for k in view.sorteer_velden
                        for v in (k, f"-{k}")
                        if re.search(
                            rf'class="portaal-sorteer" href="\?([^"]*&amp;)?'
                            rf'sortering={re.escape(v)}(&amp;|")',
                            html,
                        )
                    }
        assert koppen == set(view.sorteer_velden), (route, "header links", koppen)


def test_unknown_sortering_is_ignored(wereld):
    for route, _, rollen in html_lijsten():
        client = _client(wereld, rollen[0])
        gewoon = client.get(f"/{route}")
        verwacht = [getattr(r, "pk", None) for r in gewoon.context["object_list"]]
        for waarde in ONBEKEND_HTML:
            response = client.get(f"/{route}", {"sortering": waarde})
            assert response.status_code == 200, (route, waarde)
            rijen = [getattr(r, "pk", None) for r in response.context["object_list"]]
            assert rijen == verwacht, (route, waarde)


def api_lijsten() -> list[tuple[str, type]]:
    routes = []
    for route, pattern in walk(get_resolver().url_patterns):
        actions = getattr(pattern.callback, "actions", None) or {}
        if (
            route.startswith("api/")
            and "format" not in route
            and actions.get("get") == "list"
        ):
            url = "/" + route.replace("^", "").replace("$", "")
            routes.append((url, pattern.callback.cls))
    return routes


def test_every_api_list_is_paginated_and_names_its_ordering_fields():
    lijsten = api_lijsten()
    assert len(lijsten) >= 10
    for url, viewset in lijsten:
        velden = getattr(viewset, "ordering_fields", None)
        assert velden and velden != "__all__", f"{url}: explicit ordering_fields"
        assert viewset.pagination_class is not None, f"{url}: not paginated"


@pytest.mark.parametrize("rol", [Rol.GEMEENTE, Rol.AANBIEDER])
def test_api_lists_order_on_their_fields_and_ignore_others(wereld, rol):
    client = _client(wereld, rol)
    for url, viewset in api_lijsten():
        gewoon = client.get(url).json()
        assert "count" in gewoon and "results" in gewoon, url
        verwacht = [rij["id"] for rij in gewoon["results"]]
        for veld in viewset.ordering_fields:
            for richting in ("", "-"):
                response = client.get(url, {"ordering": f"{richting}{veld}"})
                assert response.status_code == 200, (url, veld)
                rijen = response.json()["results"]
                if rijen and veld in rijen[0]:
                    waarden = [rij[veld] for rij in rijen]
                    assert _gesorteerd(waarden, bool(richting)), (url, veld, waarden)
        for waarde in ONBEKEND:
            response = client.get(url, {"ordering": waarde})
            assert response.status_code == 200, (url, waarde)
            assert [rij["id"] for rij in response.json()["results"]] == verwacht, (
                url,
                waarde,
            )
