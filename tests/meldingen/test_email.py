"""E-mail through a real SMTP server (aiosmtpd): the daily digest with counts,
urgent items at once, preferences respected, idempotent, and never a BSN or a
cliënt's name."""

import re
from io import StringIO

from django.core.management import call_command
from django.test import Client as Browser

import pytest

from meldingen.tasks import dagoverzicht_versturen, direct_versturen
from tests.toewijzingen.factories import ClientFactory, VerzoekFactory

pytestmark = pytest.mark.django_db

NEGEN_CIJFERS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def versturen(*args) -> str:
    uit = StringIO()
    call_command("meldingen_versturen", *args, stdout=uit)
    return uit.getvalue()


def inhoud(bericht) -> tuple[str, str]:
    return (
        bericht.get_body(("plain",)).get_content(),
        bericht.get_body(("html",)).get_content(),
    )


def assert_geen_clientgegevens(bericht, opzet) -> None:
    tekst, html = inhoud(bericht)
    alles = f"{bericht['Subject']}\n{tekst}\n{html}"
    assert not NEGEN_CIJFERS.search(alles)
    for client in opzet.clienten:
        assert client.bsn not in alles
        assert client.naam not in alles
        assert client.achternaam not in alles


def voorkeuren(user, **keuzes):
    browser = Browser()
    browser.force_login(user)
    response = browser.post("/meldingen/voorkeuren/", keuzes)
    assert response.status_code == 302
    return browser


def test_digest_and_urgent_mail_arrive_with_counts_and_links_only(opzet, smtp):
    versturen()
    gemeente = smtp.aan(opzet.gemeente_user.email)
    assert len(gemeente) == 2  # the 325 due tomorrow at once, plus the digest
    direct, digest = gemeente
    assert direct["Subject"] == "wmo-portaal: nieuw in uw werkvoorraad"
    tekst, html = inhoud(direct)
    assert "Declaraties die op hun 325 wachten: 1" in tekst
    assert "(1 daarvan met een termijn van hooguit twee werkdagen" in tekst
    assert "https://portaal.example.nl/declaraties/" in html
    assert digest["Subject"].startswith("wmo-portaal: uw werkvoorraad op ")
    tekst, html = inhoud(digest)
    for regel in [
        "Verzoeken om toewijzing te beantwoorden: 1",
        "Declaraties die op hun 325 wachten: 1",
        "Wijzigingsverzoeken te beoordelen: 1",
        "Toewijzingen die binnen 8 weken aflopen: 1",
    ]:
        assert regel in tekst
    assert "https://portaal.example.nl/toewijzingen/verzoeken/?open=true" in tekst
    assert '<a href="https://portaal.example.nl/meldingen/voorkeuren/">' in html
    for bericht in gemeente + smtp.aan(opzet.aanbieder_user.email):
        assert_geen_clientgegevens(bericht, opzet)
    # The aanbieder's start zorg is late: at once, and in its own digest.
    assert len(smtp.aan(opzet.aanbieder_user.email)) == 2


def test_a_second_run_the_same_day_sends_nothing_new(opzet, smtp):
    assert "2 directe e-mails, 2 dagelijkse overzichten" in versturen()
    aantal = len(smtp.ontvangen)
    assert "0 directe e-mails, 0 dagelijkse overzichten" in versturen()
    assert dagoverzicht_versturen.delay().get()["dagoverzicht"] == 0  # beat task
    assert len(smtp.ontvangen) == aantal


def test_preference_off_sends_nothing_not_even_urgent(opzet, smtp):
    voorkeuren(
        opzet.gemeente_user,
        verzoek="uit",
        antwoord="uit",
        wijziging="uit",
        afloop="uit",
        geweigerd="uit",
    )
    versturen()
    assert smtp.aan(opzet.gemeente_user.email) == []
    assert len(smtp.aan(opzet.aanbieder_user.email)) == 2  # others unaffected


def test_digest_holds_only_the_kinds_chosen_for_it(opzet, smtp):
    voorkeuren(
        opzet.gemeente_user,
        verzoek="dagelijks",
        antwoord="uit",
        wijziging="uit",
        afloop="dagelijks",
        geweigerd="uit",
    )
    versturen()
    [digest] = smtp.aan(opzet.gemeente_user.email)
    tekst, _ = inhoud(digest)
    assert "Verzoeken om toewijzing te beantwoorden: 1" in tekst
    assert "Toewijzingen die binnen 8 weken aflopen: 1" in tekst
    assert "325" not in tekst and "Wijzigingsverzoeken" not in tekst


def test_direct_preference_mails_each_new_item_once_by_the_beat_task(opzet, smtp):
    voorkeuren(
        opzet.gemeente_user,
        verzoek="direct",
        antwoord="uit",
        wijziging="uit",
        afloop="uit",
        geweigerd="uit",
    )
    direct_versturen.delay().get()
    [eerste] = smtp.aan(opzet.gemeente_user.email)
    assert "Verzoeken om toewijzing te beantwoorden: 1" in inhoud(eerste)[0]
    direct_versturen.delay().get()
    assert len(smtp.aan(opzet.gemeente_user.email)) == 1  # nothing new
    nieuw = VerzoekFactory(
        client=ClientFactory(gemeente=opzet.gemeente_user.gemeente),
        aanbieder=opzet.verzoek.aanbieder,
    )
    direct_versturen.delay().get()
    eerste, tweede = smtp.aan(opzet.gemeente_user.email)
    tekst, html = inhoud(tweede)
    assert "Verzoeken om toewijzing te beantwoorden: 1" in tekst  # only the new one
    assert nieuw.client.naam not in tekst + html
    assert not NEGEN_CIJFERS.search(tekst + html)


def test_preferences_page_shows_the_kinds_of_the_role_and_refuses_nonsense(opzet):
    browser = Browser()
    browser.force_login(opzet.aanbieder_user)
    html = browser.get("/meldingen/voorkeuren/").content.decode()
    assert "Start zorg nog niet gemeld" in html
    assert "Verzoeken om toewijzing te beantwoorden" not in html  # gemeente's
    response = browser.post("/meldingen/voorkeuren/", {"start": "elk uur"})
    assert response.status_code == 200
    assert response.context["form"].errors
