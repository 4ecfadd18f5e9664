"""A user sees only their own party's data, in the views and in the API alike."""

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from berichten.constants import BerichtStatus
from core.models import Taak
from core.taken import bestand_opslaan
from meldingen.models import Melding
from stamgegevens import services
from stamgegevens.models import Aanbieder, Contract, ContractProduct, Gemeente, Product
from tests.declaraties.factories import PrestatieFactory
from tests.factories import (
    BerichtFactory,
    ContractFactory,
    ContractProductFactory,
    GemeenteFactory,
    aanbieder_user,
    gemeente_user,
)
from tests.toewijzingen.factories import (
    ClientFactory,
    LeveringFactory,
    ToewijzingFactory,
    VerzoekFactory,
)
from toewijzingen.models import Signaal

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def object_urls() -> set[str]:
    """Every non-admin route that takes an object id."""
    return {
        route
        for route, _ in _walk(get_resolver().url_patterns)
        if "<int:pk>" in route or "(?P<pk>" in route
        if not route.startswith("beheer/") and "format" not in route
    }


SIGNAAL = {"titel": "Toewijzing", "uiterlijk": "2026-09-01"}


def _taak(user) -> Taak:
    """A finished background job of `user`, with its file."""
    taak = Taak.objects.create(gebruiker=user, soort="Export", status=Taak.Status.KLAAR)
    bestand_opslaan(taak, "export.csv", b"a;b\n")
    return taak


@pytest.fixture
def twee_werelden(settings, tmp_path):
    """Party A and party B, each a gemeente with one aanbieder, contract and product."""
    settings.MEDIA_ROOT = tmp_path

    def wereld(code):
        gemeente = GemeenteFactory(code=code)
        contract = ContractFactory(gemeente=gemeente)
        cp = ContractProductFactory(contract=contract)
        medewerker = aanbieder_user(contract.aanbieder)
        verzoek = services.wijzigingsverzoek_indienen(
            user=medewerker,
            aanbieder=contract.aanbieder,
            wijzigingen={"naam": f"Nieuw {code}"},
        )
        bericht = BerichtFactory(
            gemeente=gemeente, aanbieder=contract.aanbieder, status=BerichtStatus.FOUT
        )
        toewijzing = ToewijzingFactory(
            client=ClientFactory(gemeente=gemeente),
            aanbieder=contract.aanbieder,
            contract=contract,
        )
        toewijzingsverzoek = VerzoekFactory(
            client=toewijzing.client, aanbieder=contract.aanbieder
        )
        prestatie = PrestatieFactory(t=toewijzing)  # a declared, approved line
        contractmanager = gemeente_user(gemeente)
        # A stored signal is one party's own: one for each side.
        signaal = {"object_soort": "toewijzing", "object_id": toewijzing.pk}
        signalen = {
            "gemeente_user": Signaal.objects.create(
                soort="toewijzing_loopt_af", gemeente=gemeente, **signaal, **SIGNAAL
            ).pk,
            "aanbieder_user": Signaal.objects.create(
                soort="start_ontbreekt",
                aanbieder=contract.aanbieder,
                **signaal,
                **SIGNAAL,
            ).pk,
        }
        return {
            "gemeente_user": contractmanager,
            "aanbieder_user": medewerker,
            # A job is its user's own: one per role.
            "taken": {
                "gemeente_user": _taak(contractmanager).pk,
                "aanbieder_user": _taak(medewerker).pk,
            },
            "signalen": signalen,
            # An in-app melding is its user's own: one per role.
            "meldingen": {
                rol: Melding.objects.create(
                    gebruiker=user,
                    soort="afloop",
                    object_id=toewijzing.pk,
                    titel=str(toewijzing),
                    url="/",
                ).pk
                for rol, user in (
                    ("gemeente_user", contractmanager),
                    ("aanbieder_user", medewerker),
                )
            },
            "outbox": {
                rol: BerichtFactory(
                    gemeente=gemeente,
                    aanbieder=contract.aanbieder,
                    bericht_type=soort,
                    status=BerichtStatus.IN_OUTBOX,
                ).pk
                for rol, soort in (
                    ("gemeente_user", "WMO305"),
                    ("aanbieder_user", "WMO301"),
                )
            },
            "objects": {
                "aanbieder": contract.aanbieder.pk,
                "contract": contract.pk,
                "wijzigingsverzoek": verzoek.pk,
                "product": cp.product.pk,
                "client": toewijzing.client.pk,
                "toewijzing": toewijzing.pk,
                "levering": LeveringFactory(toewijzing=toewijzing).pk,
                "toewijzingsverzoek": toewijzingsverzoek.pk,
                "declaratie": prestatie.declaratie.pk,
                "prestatie": prestatie.pk,
                "bericht": bericht.pk,
            },
        }

    return wereld("0001"), wereld("0002")


# route -> which object of the other party it is asked for; None: shared reference data.
OBJECT_ROUTES = {
    "stamgegevens/contracten/<int:pk>/": "contract",
    "stamgegevens/contracten/<int:pk>/indexeren/": "contract",
    "stamgegevens/aanbieders/<int:pk>/": "aanbieder",
    "stamgegevens/wijzigingen/<int:pk>/": "wijzigingsverzoek",
    "stamgegevens/producten/<int:pk>/": None,
    "api/^gemeenten/(?P<pk>[^/.]+)/$": None,
    "api/^aanbieders/(?P<pk>[^/.]+)/$": "aanbieder",
    "api/^producten/(?P<pk>[^/.]+)/$": None,
    "api/^contracten/(?P<pk>[^/.]+)/$": "contract",
    "api/^wijzigingsverzoeken/(?P<pk>[^/.]+)/$": "wijzigingsverzoek",
    "api/^wijzigingsverzoeken/(?P<pk>[^/.]+)/goedkeuren/$": "wijzigingsverzoek",
    "api/^wijzigingsverzoeken/(?P<pk>[^/.]+)/afwijzen/$": "wijzigingsverzoek",
    "berichten/<int:pk>/": "bericht",
    "berichten/<int:pk>/xml/": "bericht",
    "berichten/<int:pk>/opnieuw/": "bericht",
    "api/^berichten/(?P<pk>[^/.]+)/$": "bericht",
    "api/^berichten/(?P<pk>[^/.]+)/xml/$": "bericht",
    "api/^outbox/(?P<pk>[^/.]+)/$": "outbox",
    "api/^outbox/(?P<pk>[^/.]+)/ontvangen/$": "outbox",
    "toewijzingen/clienten/<int:pk>/": "client",
    "toewijzingen/clienten/<int:pk>/wijzigen/": "client",
    "toewijzingen/clienten/<int:pk>/toewijzing/": "client",
    "toewijzingen/clienten/<int:pk>/verzoek-om-wijziging/": "client",
    "toewijzingen/<int:pk>/": "toewijzing",
    **{
        f"toewijzingen/<int:pk>/{actie}/": "toewijzing"
        for actie in (
            "wijzigen",
            "verlengen",
            "vervangen",
            "intrekken",
            "beeindigen",
            "verhuizing",
            "overlijden",
            "start",
            "stop",
        )
    },
    "toewijzingen/verzoeken/<int:pk>/": "toewijzingsverzoek",
    "toewijzingen/signalen/<int:pk>/afhandelen/": "signaal",
    "api/^clienten/(?P<pk>[^/.]+)/$": "client",
    "api/^toewijzingen/(?P<pk>[^/.]+)/$": "toewijzing",
    "api/^toewijzingen/(?P<pk>[^/.]+)/beeindigen/$": "toewijzing",
    "api/^toewijzingen/(?P<pk>[^/.]+)/start/$": "toewijzing",
    "api/^toewijzingen/(?P<pk>[^/.]+)/stop/$": "toewijzing",
    "api/^leveringen/(?P<pk>[^/.]+)/$": "levering",
    "api/^verzoeken/(?P<pk>[^/.]+)/$": "toewijzingsverzoek",
    "api/^verzoeken/(?P<pk>[^/.]+)/honoreren/$": "toewijzingsverzoek",
    "api/^verzoeken/(?P<pk>[^/.]+)/afwijzen/$": "toewijzingsverzoek",
    "api/^verzoeken/(?P<pk>[^/.]+)/in-onderzoek/$": "toewijzingsverzoek",
    "api/^declaraties/(?P<pk>[^/.]+)/$": "declaratie",
    "api/^prestaties/(?P<pk>[^/.]+)/$": "prestatie",
    "declaraties/<int:pk>/": "declaratie",
    "declaraties/<int:pk>/proef/": "declaratie",
    "declaraties/<int:pk>/beoordelen/": "declaratie",
    "declaraties/<int:pk>/factuur/": "declaratie",
    "declaraties/<int:pk>/factuur.pdf": "declaratie",
    "declaraties/regels/<int:pk>/": "prestatie",
    "taken/<int:pk>/": "taak",
    "taken/<int:pk>/status.json": "taak",
    "taken/<int:pk>/download/": "taak",
    "taken/<int:pk>/opnieuw/": "taak",
    "meldingen/<int:pk>/gelezen/": "melding",
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
    "gelezen/",
)


def _pk(wereld: dict, soort: str, role: str) -> int:
    """The id of that world's object; a Taak is the role's own user's."""
    if soort == "taak":
        return wereld["taken"][role]
    if soort == "signaal":
        return wereld["signalen"][role]
    if soort == "melding":
        return wereld["meldingen"][role]
    if soort == "outbox":  # a message waiting for the role's own party
        return wereld["outbox"][role]
    return wereld["objects"][soort]


def _url(route: str, pk: int) -> str:
    path = route.replace("<int:pk>", str(pk)).replace("(?P<pk>[^/.]+)", str(pk))
    return "/" + path.replace("^", "").replace("$", "")


@pytest.mark.parametrize("role", ["aanbieder_user", "gemeente_user"])
def test_user_of_party_a_gets_404_on_every_object_of_party_b(twee_werelden, role):
    a, b = twee_werelden
    client = Client()
    client.force_login(a[role])
    checked = 0
    for route, soort in OBJECT_ROUTES.items():
        if soort is None:
            continue
        url = _url(route, _pk(b, soort, role))
        method = client.post if route.endswith(POST_ROUTES) else client.get
        response = method(url)
        assert response.status_code in (403, 404), (
            f"{role} reached {url}: {response.status_code}"
        )
        own = (
            client.get(_url(route, _pk(a, soort, role)))
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
        response = client.get(_url(route, _pk(a, soort or "product", "aanbieder_user")))
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
    for route, pattern in _walk(get_resolver().url_patterns):
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
    from tests.factories import RegioFactory

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
