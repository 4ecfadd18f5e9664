"""A BSN never reaches a URL (and so no access log): lists search on it by POST and
a session token (core/zoeken.py), the API takes it from a header; exports start by
POST with CSRF."""

from django.test import Client

import pytest

from core.models import Taak
from declaraties.constants import PrestatieStatus
from tests.berichten.factories import BerichtFactory
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import PrestatieFactory
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

pytestmark = pytest.mark.django_db

BSN = "123456782"


def _ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def wereld():
    """Two cliënten of one gemeente with a toewijzing, a message and a rejected line
    each; `BSN` is the first one's."""
    eerste = ToewijzingFactory(client=ClientFactory(bsn=BSN, achternaam="Visser"))
    tweede = ToewijzingFactory(
        client=ClientFactory(gemeente=eerste.gemeente),
        gemeente=eerste.gemeente,
        aanbieder=eerste.aanbieder,
        contract=eerste.contract,
        product=eerste.product,
    )
    for t in (eerste, tweede):
        BerichtFactory(gemeente=t.gemeente, aanbieder=t.aanbieder, bsn=t.client.bsn)
        PrestatieFactory(t=t, status=PrestatieStatus.AFGEKEURD, start_ontbreekt=True)
    return eerste, tweede


# list -> (its secret filter field, the role that opens it)
LIJSTEN = {
    "/berichten/": ("bsn", "gemeente"),
    "/toewijzingen/": ("bsn", "gemeente"),
    "/toewijzingen/clienten/": ("zoek", "gemeente"),
    "/declaraties/afgekeurd/": ("bsn", "aanbieder"),
    "/declaraties/start-ontbreekt/": ("bsn", "gemeente"),
}


def _client_voor(wereld, rol) -> Client:
    eerste, _ = wereld
    if rol == "gemeente":
        return _ingelogd(gemeente_user(eerste.gemeente))
    return _ingelogd(aanbieder_user(eerste.aanbieder))


def _rijen(response) -> int:
    return (
        response.context["paginator"].count
        if response.context["paginator"]
        else len(response.context["object_list"])
    )


@pytest.mark.parametrize("pad", list(LIJSTEN))
def test_bsn_search_posts_and_lands_on_a_url_without_the_bsn(wereld, pad):
    veld, rol = LIJSTEN[pad]
    client = _client_voor(wereld, rol)
    pagina = client.get(pad)
    alles = _rijen(pagina)
    assert (
        '<form method="post" class="filter" id="lijstfilter">'
        in pagina.content.decode()
    )

    gezocht = client.post(pad, {veld: BSN})
    assert gezocht.status_code == 302
    assert BSN not in gezocht.url and "zoekopdracht=" in gezocht.url
    resultaat = client.get(gezocht.url)
    assert resultaat.status_code == 200
    # The search finds the first cliënt's rows and not the second one's.
    assert 1 <= _rijen(resultaat) < alles
    assert _rijen(client.get(pad + f"?{veld}={BSN}")) == alles  # URL: ignored


def test_a_clear_bsn_in_the_url_does_not_search(wereld):
    client = _client_voor(wereld, "gemeente")
    response = client.get(f"/berichten/?bsn={BSN}")
    assert response.status_code == 200 and _rijen(response) == 2
    # And it does not travel on into the page's links.
    assert BSN not in response.context["querystring"]


def test_a_search_url_works_again_in_its_session_only(wereld):
    client = _client_voor(wereld, "gemeente")
    url = client.post("/berichten/", {"bsn": BSN, "status": ""}).url
    assert _rijen(client.get(url)) == 1
    assert client.post("/berichten/", {"bsn": BSN}).url == url  # same search, same URL
    andere_sessie = _client_voor(wereld, "gemeente")
    assert _rijen(andere_sessie.get(url)) == 2


def test_sorting_and_paging_links_keep_the_search(wereld):
    client = _client_voor(wereld, "gemeente")
    url = client.post("/berichten/", {"bsn": BSN, "sortering": "-datum"}).url
    assert "sortering=-datum" in url
    pagina = client.get(url)
    assert "zoekopdracht=" in pagina.context["querystring"]
    assert _rijen(client.get(f"{url}&page=1")) == 1


def test_a_list_without_secret_fields_is_still_searched_by_get(wereld):
    client = _client_voor(wereld, "gemeente")
    pagina = client.get("/declaraties/").content.decode()
    assert '<form method="get" class="filter" id="lijstfilter">' in pagina
    assert client.post("/declaraties/").status_code == 405


@pytest.mark.parametrize(
    "pad, veld",
    [
        ("/api/berichten/", "bsn"),
        ("/api/clienten/", "zoek"),
        ("/api/toewijzingen/", "bsn"),
        ("/api/prestaties/", "bsn"),
    ],
)
def test_api_takes_the_bsn_from_a_header_and_refuses_it_in_the_url(wereld, pad, veld):
    client = _client_voor(wereld, "gemeente")
    alles = client.get(pad).json()["count"]
    header = f"X-Filter-{veld.capitalize()}"
    gevonden = client.get(pad, headers={header: BSN}).json()["count"]
    assert 1 <= gevonden < alles
    geweigerd = client.get(f"{pad}?{veld}={BSN}")
    assert geweigerd.status_code == 400
    assert geweigerd.json()["code"] == "geheim_in_url"
    assert header in geweigerd.json()["detail"]


def test_schema_documents_the_bsn_header_not_a_query_parameter(wereld):
    schema = _client_voor(wereld, "gemeente").get("/api/schema/?format=json").json()
    parameters = schema["paths"]["/api/berichten/"]["get"]["parameters"]
    plaatsen = {(p["name"], p["in"]) for p in parameters}
    assert ("X-Filter-Bsn", "header") in plaatsen
    assert not any(naam == "bsn" for naam, _ in plaatsen)


# --- exports start by POST with CSRF ---------------------------------------------


def test_export_is_not_started_by_get(wereld):
    client = _client_voor(wereld, "aanbieder")
    assert client.get("/declaraties/afgekeurd/export.csv").status_code == 405
    assert client.get("/declaraties/afgekeurd/export.xlsx").status_code == 405
    assert not Taak.objects.exists()


def test_export_without_csrf_token_is_refused(wereld):
    eerste, _ = wereld
    client = Client(enforce_csrf_checks=True)
    client.force_login(aanbieder_user(eerste.aanbieder))
    assert client.post("/declaraties/afgekeurd/export.csv").status_code == 403
    assert not Taak.objects.exists()


def test_export_form_posts_with_csrf_and_exports_the_bsn_search(
    wereld, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    eerste, _ = wereld
    client = Client(enforce_csrf_checks=True)
    client.force_login(aanbieder_user(eerste.aanbieder))
    gezocht = client.get("/declaraties/afgekeurd/")  # sets the CSRF cookie
    token = gezocht.cookies["csrftoken"].value
    url = client.post(
        "/declaraties/afgekeurd/", {"bsn": BSN, "csrfmiddlewaretoken": token}
    ).url
    pagina = client.get(url).content.decode()
    actie = f'action="/declaraties/afgekeurd/export.csv?{url.split("?")[1]}"'
    assert f'<form method="post" {actie}>' in pagina
    start = client.post(
        f"/declaraties/afgekeurd/export.csv?{url.split('?')[1]}",
        {"csrfmiddlewaretoken": token},
    )
    taak = Taak.objects.get()
    assert start.url == taak.get_absolute_url() and taak.status == Taak.Status.KLAAR
    assert taak.resultaat["bestandsnaam"].endswith(".csv")
    assert "1 afgekeurde regel(s)" in taak.melding


# --- admin lists whose search finds BSNs ---------------------------------------------


@pytest.mark.parametrize(
    "pad",
    [
        "/beheer/toewijzingen/client/",
        "/beheer/toewijzingen/toewijzing/",
        "/beheer/berichten/bericht/",
        "/beheer/declaraties/prestatie/",
    ],
)
def test_admin_search_on_a_bsn_posts_and_lands_on_a_url_without_it(
    wereld, beheerder_client, pad
):
    pagina = beheerder_client.get(pad)
    alles = pagina.context["cl"].result_count
    assert 'id="changelist-search" method="post"' in pagina.content.decode()
    gezocht = beheerder_client.post(pad, {"q": BSN})
    assert gezocht.status_code == 302
    assert BSN not in gezocht.url and "zoekopdracht=" in gezocht.url
    resultaat = beheerder_client.get(gezocht.url)
    assert 1 <= resultaat.context["cl"].result_count < alles
    # The links of the page (sorting, filters, objects) carry the token, not the BSN.
    html = resultaat.content.decode()
    assert f"q={BSN}" not in html and "q%3D" + BSN not in html
    # A BSN in the URL does not search.
    assert beheerder_client.get(f"{pad}?q={BSN}").context["cl"].result_count == alles


def test_admin_without_bsn_search_still_searches_by_get(beheerder_client):
    pagina = beheerder_client.get("/beheer/stamgegevens/product/").content.decode()
    assert 'id="changelist-search" method="get"' in pagina
