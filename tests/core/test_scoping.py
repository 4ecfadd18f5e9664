"""A user sees only their own party's data, in the views and in the API alike."""

from django.test import Client
from django.urls import get_resolver

import pytest

from stamgegevens.models import Aanbieder, Contract, ContractProduct, Gemeente, Product
from tests.core.factories import aanbieder_user, gemeente_user
from tests.core.routes import OBJECT_ROUTES, object_pk, object_url, walk
from tests.stamgegevens.factories import (
    ContractFactory,
    ContractProductFactory,
    GemeenteFactory,
)

pytestmark = pytest.mark.django_db


def object_urls() -> set[str]:
    """Every non-admin route that takes an object id."""
    return {
        route
        for route, _ in walk(get_resolver().url_patterns)
        if "<int:pk>" in route or "(?P<pk>" in route
        if not route.startswith("beheer/") and "format" not in route
    }


def test_every_object_route_is_in_the_isolation_table():
    assert object_urls() == set(OBJECT_ROUTES), "add new object routes to OBJECT_ROUTES"


# Routes for one role only: the other role gets 403 on its own objects too.
ALLEEN_VOOR = {
    "stamgegevens/contracten/<int:pk>/indexeren/": "gemeente_user",
    **{
        f"toewijzingen/{route}/": "gemeente_user"
        for route in (
            "clienten/<int:pk>/wijzigen",
            "clienten/<int:pk>/toewijzing",
            "<int:pk>/wijzigen",
            "<int:pk>/verlengen",
            "<int:pk>/vervangen",
            "<int:pk>/intrekken",
            "<int:pk>/beeindigen",
            "<int:pk>/verhuizing",
            "<int:pk>/overlijden",
        )
    },
    **{
        f"toewijzingen/{route}/": "aanbieder_user"
        for route in (
            "clienten/<int:pk>/verzoek-om-wijziging",
            "<int:pk>/start",
            "<int:pk>/stop",
        )
    },
    "declaraties/<int:pk>/beoordelen/": "gemeente_user",  # the aanbieder cannot review
}
POST_ROUTES = (
    "goedkeuren/$",
    "afwijzen/$",
    "opnieuw/",
    "beeindigen/$",
    "start/$",
    "stop/$",
    "honoreren/$",
    "in-onderzoek/$",
    "afhandelen/",
    "ontvangen/$",
)


@pytest.mark.parametrize("role", ["aanbieder_user", "gemeente_user"])
def test_user_of_party_a_gets_404_on_every_object_of_party_b(twee_werelden, role):
    a, b = twee_werelden
    client = Client()
    client.force_login(a[role])
    checked = 0
    for route, soort in OBJECT_ROUTES.items():
        if soort is None:
            continue
        url = object_url(route, object_pk(b, soort, role))
        method = client.post if route.endswith(POST_ROUTES) else client.get
        response = method(url)
        assert response.status_code in (403, 404), (
            f"{role} reached {url}: {response.status_code}"
        )
        own = (
            client.get(object_url(route, object_pk(a, soort, role)))
            if method == client.get
            else None
        )
        if own is not None and not (
            role == "gemeente_user"
            and soort == "aanbieder"
            and route.startswith("stamgegevens")
        ):
            verwacht = 200 if ALLEEN_VOOR.get(route, role) == role else 403
            assert own.status_code == verwacht, (
                f"{role} on own {url}: {own.status_code}"
            )
        checked += 1
    assert checked == sum(1 for soort in OBJECT_ROUTES.values() if soort)


def test_anonymous_users_are_sent_to_login_or_refused(twee_werelden):
    a, _ = twee_werelden
    client = Client()
    for route, soort in OBJECT_ROUTES.items():
        response = client.get(
            object_url(route, object_pk(a, soort or "product", "aanbieder_user"))
        )
        assert response.status_code in (302, 403), route
        if response.status_code == 302:
            assert response.url.startswith("/inloggen/")


# Model of a list endpoint -> the kind of object in `twee_werelden`; reference data apart.
SOORT_VAN_MODEL = {
    "Aanbieder": "aanbieder",
    "Contract": "contract",
    "Wijzigingsverzoek": "wijzigingsverzoek",
    "Client": "client",
    "Toewijzing": "toewijzing",
    "Levering": "levering",
    "Verzoek": "toewijzingsverzoek",
    "Declaratie": "declaratie",
    "Prestatie": "prestatie",
    "Bericht": "bericht",
}
GEDEELD = {Product, Gemeente}


def api_list_routes() -> list[tuple[str, type]]:
    """Every API list endpoint with the viewset behind it."""
    routes = []
    for route, pattern in walk(get_resolver().url_patterns):
        cls = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", {}) or {}
        if (
            route.startswith("api/")
            and "format" not in route
            and cls is not None
            and actions.get("get") == "list"
        ):
            routes.append(("/" + route.replace("^", "").replace("$", ""), cls))
    return routes


def _model_of(viewset) -> type:
    base = getattr(viewset, "queryset_base", None) or viewset.queryset
    if base is not None:
        return base.model
    serializer = (
        viewset.serializer_class or viewset(action="list").get_serializer_class()
    )
    return serializer.Meta.model


@pytest.mark.parametrize("role", ["aanbieder_user", "gemeente_user"])
def test_api_lists_hold_no_foreign_rows_whatever_the_filters(twee_werelden, role):
    a, b = twee_werelden
    client = Client()
    client.force_login(a[role])
    routes = api_list_routes()
    assert len(routes) >= 10
    queries = ["", *(f"?{name}={pk}" for name, pk in b["objects"].items())]
    b_gemeente = b["gemeente_user"].gemeente
    queries += [f"?gemeente={b_gemeente.pk}", f"?gemeente={b_gemeente.code}"]
    for url, viewset in routes:
        model = _model_of(viewset)
        if model in GEDEELD:
            continue
        vreemd = {b["objects"][SOORT_VAN_MODEL[model.__name__]]}
        for query in queries:
            response = client.get(url + query)
            assert response.status_code in (200, 400), (
                url,
                query,
                response.status_code,
            )
            if response.status_code == 400:
                continue
            body = response.json()
            rows = body["results"] if isinstance(body, dict) else body
            assert not {row.get("id") for row in rows} & vreemd, (url, query)


def test_gemeente_in_a_regio_sees_the_regio_contracts_and_their_aanbieders():
    from tests.stamgegevens.factories import RegioFactory

    achtkarspelen, tytsjerksteradiel, leeuwarden = (
        GemeenteFactory(code="0059"),
        GemeenteFactory(code="0737"),
        GemeenteFactory(code="0080"),
    )
    regio = RegioFactory(gemeenten=[achtkarspelen, tytsjerksteradiel])
    regiocontract = ContractFactory(gemeente=None, regio=regio)
    eigen = ContractFactory(gemeente=leeuwarden)
    user = gemeente_user(tytsjerksteradiel)
    assert list(Contract.objects.visible_to(user)) == [regiocontract]
    assert list(Aanbieder.objects.visible_to(user)) == [regiocontract.aanbieder]
    assert list(Contract.objects.visible_to(gemeente_user(leeuwarden))) == [eigen]


def test_aanbieder_sees_only_own_contract_products_but_the_whole_product_table():
    mine, theirs = ContractProductFactory(), ContractProductFactory()
    user = aanbieder_user(mine.contract.aanbieder)
    assert list(ContractProduct.objects.visible_to(user)) == [mine]
    assert Product.objects.visible_to(user).count() == 2
    assert theirs not in ContractProduct.objects.visible_to(user)


def test_user_without_party_sees_nothing():
    from core.models import User

    ContractFactory()
    anonymous = type("Anon", (), {"is_authenticated": False})()
    assert not Contract.objects.visible_to(anonymous).exists()
    broken = User(rol="gemeente")  # not saved, no gemeente
    assert not Contract.objects.visible_to(broken).exists()


def test_aanbieder_user_cannot_open_the_aanbieders_list_or_admin(aanbieder_client):
    assert aanbieder_client.get("/stamgegevens/aanbieders/").status_code == 403
    assert aanbieder_client.get("/beheer/").status_code == 302  # admin login, no access
