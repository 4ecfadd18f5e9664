"""In-app notifications: new werkvoorraad items, per user, read and unread."""

from io import StringIO

from django.core.management import call_command
from django.test import Client as Browser

import pytest

from meldingen.models import Melding
from tests.core.factories import beheerder_user, gemeente_user

pytestmark = pytest.mark.django_db


def ingelogd(user) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def versturen() -> None:
    call_command("meldingen_versturen", stdout=StringIO())


def test_new_items_become_unread_meldingen_once(opzet):
    versturen()
    versturen()
    browser = ingelogd(opzet.gemeente_user)
    response = browser.get("/meldingen/")
    assert response.context["aantal_ongelezen"] == 4
    assert {m.soort for m in response.context["meldingen"]} == {
        "verzoek",
        "antwoord",
        "wijziging",
        "afloop",
    }
    html = response.content.decode()
    assert "Ongelezen" in html
    for client in opzet.clienten:
        assert client.naam not in html and client.bsn not in html


def test_read_and_unread_per_user(opzet, gemeente):
    collega = gemeente_user(gemeente)
    versturen()
    browser = ingelogd(opzet.gemeente_user)
    melding = Melding.objects.filter(gebruiker=opzet.gemeente_user).first()
    browser.post(f"/meldingen/{melding.pk}/gelezen/", {"gelezen": "1"})
    response = browser.get("/meldingen/?ongelezen=1")
    assert melding not in response.context["meldingen"]
    assert response.context["aantal_ongelezen"] == 3
    browser.post(f"/meldingen/{melding.pk}/gelezen/", {"gelezen": "0"})
    assert browser.get("/meldingen/").context["aantal_ongelezen"] == 4
    # The colleague has its own meldingen and cannot touch these.
    vreemd = ingelogd(collega)
    assert vreemd.get("/meldingen/").context["aantal_ongelezen"] == 4
    vreemd.post(f"/meldingen/{melding.pk}/gelezen/", {"gelezen": "1"})
    melding.refresh_from_db()
    assert melding.gelezen_op is None
    assert melding not in vreemd.get("/meldingen/").context["meldingen"]
    browser.post("/meldingen/alles-gelezen/")
    assert browser.get("/meldingen/").context["aantal_ongelezen"] == 0
    assert vreemd.get("/meldingen/").context["aantal_ongelezen"] == 4


def test_marking_an_item_handled_reads_its_melding(opzet):
    versturen()
    browser = ingelogd(opzet.aanbieder_user)
    browser.post(
        "/meldingen/werkvoorraad/afhandelen/",
        {"soort": "geweigerd", "object_id": opzet.geweigerd.pk, "voor": "mij"},
    )
    melding = Melding.objects.get(gebruiker=opzet.aanbieder_user, soort="geweigerd")
    assert melding.gelezen_op is not None


def test_a_beheerder_has_no_werkvoorraad_pages(db):
    browser = ingelogd(beheerder_user())
    assert browser.get("/meldingen/").status_code == 403
    assert browser.get("/meldingen/voorkeuren/").status_code == 403
