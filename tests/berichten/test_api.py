"""The berichten API: scoped log, raw XML in (POST), XML out."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from tests.berichten.factories import BerichtFactory, sample, sample_partijen
from tests.core.factories import aanbieder_user, gemeente_user
from tests.stamgegevens.factories import GemeenteFactory

pytestmark = pytest.mark.django_db

URL = "/api/berichten/"


@pytest.fixture
def partijen():
    return sample_partijen()


@pytest.fixture
def aanbieder_api(client, partijen):
    client.force_login(aanbieder_user(partijen[1]))
    return client


def test_list_is_scoped_and_masks_the_bsn_detail_shows_it(client):
    eigen, vreemd = BerichtFactory(), BerichtFactory()
    client.force_login(gemeente_user(eigen.gemeente))
    rows = client.get(URL).json()["results"]
    assert [row["id"] for row in rows] == [eigen.pk]
    assert rows[0]["bsn"] == "*****0019"
    assert rows[0]["gemeente"] == eigen.gemeente.code
    detail = client.get(f"{URL}{eigen.pk}/").json()
    assert detail["bsn"] == "999990019"
    assert detail["xml"].endswith(f"{URL}{eigen.pk}/xml/")
    for url in (f"{URL}{vreemd.pk}/", f"{URL}{vreemd.pk}/xml/"):
        assert client.get(url).status_code == 404


def test_list_filters_like_the_html_list(client):
    toewijzing = BerichtFactory()
    BerichtFactory(
        gemeente=toewijzing.gemeente, bericht_type="WMO305", status=BerichtStatus.FOUT
    )
    client.force_login(gemeente_user(toewijzing.gemeente))
    rows = client.get(f"{URL}?richting=uit").json()["results"]
    assert [row["id"] for row in rows] == [toewijzing.pk]
    assert client.get(f"{URL}?status=fout").json()["count"] == 1


@pytest.mark.parametrize("content_type", ["application/xml", "text/xml"])
def test_post_raw_xml_stores_and_processes_it(aanbieder_api, content_type):
    response = aanbieder_api.post(URL, sample("WMO302"), content_type=content_type)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["bericht_type"] == "WMO302"
    assert body["status"] in BerichtStatus.values
    assert isinstance(body["bevindingen"], list)
    assert "retourberichten" in body
    assert body["retourcodes"][0]["code"] == "0200"
    assert body["retourcodes"][0]["tekst"] != "0200"
    bericht = Bericht.objects.get(pk=body["id"])
    assert bericht.kanaal == Kanaal.API
    assert bericht.xml == sample("WMO302")


def test_post_of_a_heenbericht_links_its_retour(aanbieder_api):
    client = aanbieder_api
    body = client.post(URL, sample("WMO305"), content_type="application/xml").json()
    assert body["status"] != BerichtStatus.FOUT, body["foutmelding"]
    assert body["retourberichten"], body
    retour = body["retourberichten"][0]
    assert retour["bericht_type"] == "WMO306"
    assert client.get(retour["url"]).json()["heenbericht"]["id"] == body["id"]


def test_post_refuses_empty_oversized_and_non_xml_bodies(aanbieder_api, monkeypatch):
    leeg = aanbieder_api.post(URL, b"", content_type="application/xml")
    assert leeg.status_code == 400
    assert "leeg" in leeg.json()["detail"]
    monkeypatch.setattr("berichten.api.views.MAX_BYTES", 100)
    groot = aanbieder_api.post(URL, sample("WMO302"), content_type="application/xml")
    assert groot.status_code == 400
    assert "groter dan" in groot.json()["detail"]
    json = aanbieder_api.post(URL, {"a": 1}, content_type="application/json")
    assert json.status_code == 415
    assert not Bericht.objects.exists()


def test_post_of_broken_xml_is_stored_and_refused_not_a_500(aanbieder_api):
    response = aanbieder_api.post(URL, b"<kapot", content_type="application/xml")
    assert response.status_code == 201
    assert response.json()["status"] == BerichtStatus.AFGEKEURD
    assert response.json()["foutmelding"]


def test_post_of_a_message_between_other_parties_is_refused(client, partijen):
    client.force_login(gemeente_user(GemeenteFactory(code="0059")))
    response = client.post(URL, sample("WMO302"), content_type="application/xml")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "geweigerd"
    assert "niet door een gemeente verstuurd" in body["detail"]
    # Kept as the uploader's refused message, with a page the uploader can open.
    bericht = Bericht.objects.get()
    assert bericht.status == BerichtStatus.GEWEIGERD
    assert bericht.gemeente.code == "0059" and bericht.aanbieder is None
    assert bericht.xml == sample("WMO302")
    assert client.get(body["extra"]["bericht"]["url"]).status_code == 200


def test_xml_action_downloads_the_raw_message(client):
    bericht = BerichtFactory(inhoud=b"<Bericht>x</Bericht>")
    client.force_login(aanbieder_user(bericht.aanbieder))
    response = client.get(f"{URL}{bericht.pk}/xml/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert "attachment" in response["Content-Disposition"]
    assert response.content == b"<Bericht>x</Bericht>"


def test_api_list_runs_a_constant_number_of_queries(client):
    gemeente = GemeenteFactory()
    client.force_login(gemeente_user(gemeente))

    def queries(aantal: int) -> int:
        Bericht.objects.all().delete()
        BerichtFactory.create_batch(aantal, gemeente=gemeente)
        with CaptureQueriesContext(connection) as context:
            assert len(client.get(URL).json()["results"]) == aantal
        return len(context)

    assert queries(2) == queries(20)


def test_berichten_are_in_the_schema_and_the_api_root_still_works(client, partijen):
    client.force_login(gemeente_user(partijen[0]))
    schema = client.get("/api/schema/").content.decode()
    assert "/api/berichten/" in schema
    assert "/api/berichten/{id}/xml/" in schema
    assert client.get("/api/").status_code == 200
