"""Every page, download and API response that shows a message in full (with its
BSNs) logs the view in core.BsnInzage; the list (masked) does not."""

from django.urls import reverse

import pytest

from berichten import selectors, services
from berichten.constants import Kanaal
from core.models import BsnInzage
from tests.berichten.factories import BerichtFactory, sample, sample_partijen
from tests.berichten.kanaal_helpers import afzender
from tests.core.factories import aanbieder_user, gemeente_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def declaratie_323():
    """A received 323 with lines for two cliënten (999990019 and 123456782)."""
    gemeente, aanbieder = sample_partijen()
    bericht = services.bericht_opslaan(
        inhoud=sample("WMO323"),
        kanaal=Kanaal.UPLOAD,
        namens=afzender(sample("WMO323")),
    )
    bericht.gemeente, bericht.aanbieder = gemeente, aanbieder
    bericht.save()
    return bericht


def _ingelogd(client, bericht):
    user = gemeente_user(bericht.gemeente)
    client.force_login(user)
    return user


def _inzages(user) -> set[tuple[str, str]]:
    return set(BsnInzage.objects.filter(gebruiker=user).values_list("bsn", "waar"))


def test_bsns_of_a_message_are_all_its_bsn_elements(declaratie_323):
    assert selectors.bsns(declaratie_323) == {"999990019", "123456782"}


def test_bsns_of_an_unreadable_file_are_the_one_stored_with_it():
    assert selectors.bsns(BerichtFactory(inhoud=b"<kapot", bsn="999990019")) == {
        "999990019"
    }


@pytest.mark.parametrize(
    "naam", ["berichten:bericht-detail", "berichten:bericht-download"]
)
def test_bericht_detail_and_download_log_every_bsn_shown(client, declaratie_323, naam):
    user = _ingelogd(client, declaratie_323)
    url = reverse(naam, args=[declaratie_323.pk])
    assert client.get(url).status_code == 200
    assert _inzages(user) == {("999990019", url), ("123456782", url)}


@pytest.mark.parametrize("achtervoegsel", ["", "xml/"])
def test_bericht_api_detail_and_xml_log_every_bsn_shown(
    client, declaratie_323, achtervoegsel
):
    user = _ingelogd(client, declaratie_323)
    url = f"/api/berichten/{declaratie_323.pk}/{achtervoegsel}"
    assert client.get(url).status_code == 200
    assert _inzages(user) == {("999990019", url), ("123456782", url)}


def test_bericht_list_masks_and_logs_nothing(client, declaratie_323):
    user = _ingelogd(client, declaratie_323)
    assert client.get(reverse("berichten:bericht-list")).status_code == 200
    assert client.get("/api/berichten/").status_code == 200
    assert not _inzages(user)


def test_another_partys_message_is_404_and_logs_nothing(client, declaratie_323):
    andere = gemeente_user()
    client.force_login(andere)
    url = reverse("berichten:bericht-detail", args=[declaratie_323.pk])
    assert client.get(url).status_code == 404
    assert not BsnInzage.objects.exists()


def test_bericht_api_post_logs_the_bsns_its_answer_shows(client):
    _, aanbieder = sample_partijen()
    user = aanbieder_user(aanbieder)
    client.force_login(user)
    antwoord = client.post(
        "/api/berichten/", sample("WMO323"), content_type="application/xml"
    )
    assert antwoord.status_code == 201
    assert _inzages(user) == {
        ("999990019", "/api/berichten/"),
        ("123456782", "/api/berichten/"),
    }


def test_refused_api_post_shows_and_logs_no_bsn(client):
    gemeente, _ = sample_partijen()
    user = gemeente_user(gemeente)  # a gemeente does not send a 323
    client.force_login(user)
    antwoord = client.post(
        "/api/berichten/", sample("WMO323"), content_type="application/xml"
    )
    assert antwoord.status_code == 400
    assert "999990019" not in antwoord.content.decode()
    assert not BsnInzage.objects.exists()
