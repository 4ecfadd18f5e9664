"""The werkvoorraad on the start page: items per kind with a deadline in werkdagen
and a link, scoped per party, gone when done or marked handled, and a page that
costs the same number of queries for one item or many."""

from datetime import timedelta

from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from core import werkdagen
from declaraties.constants import DeclaratieStatus
from meldingen.models import Afgehandeld
from meldingen.selectors import werkvoorraad
from tests.core.factories import gemeente_user
from tests.meldingen.factories import werk
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory
from tests.toewijzingen.factories import (
    ClientFactory,
    LeveringFactory,
    ToewijzingFactory,
)
from toewijzingen.constants import VerzoekStatus

pytestmark = pytest.mark.django_db

AFHANDELEN = "/meldingen/werkvoorraad/afhandelen/"


def ingelogd(user) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def groepen(browser) -> dict:
    """The werkvoorraad as the start page shows it: {soort: [object ids]}."""
    response = browser.get("/")
    assert response.status_code == 200
    return {
        groep.soort: [item.object_id for item in groep.items]
        for groep in response.context["groepen"]
    }


def test_gemeente_sees_its_items_with_deadline_and_link(opzet):
    browser = ingelogd(opzet.gemeente_user)
    assert groepen(browser) == {
        "verzoek": [opzet.verzoek.pk],
        "antwoord": [opzet.declaratie.pk],
        "wijziging": [opzet.wijziging.pk],
        "afloop": [opzet.aflopend.pk],
    }
    html = browser.get("/").content.decode()
    assert reverse("toewijzingen:verzoek-detail", args=[opzet.verzoek.pk]) in html
    assert opzet.wijziging.get_absolute_url() in html
    # The 325 is due on the next werkdag: one werkdag left, marked urgent.
    [antwoord] = [
        g for g in browser.get("/").context["groepen"] if g.soort == "antwoord"
    ][0].items
    assert antwoord.uiterlijk == opzet.declaratie.antwoord_uiterlijk
    assert (antwoord.werkdagen_over, antwoord.dringend) == (1, True)
    for client in opzet.clienten:
        assert (
            client.naam
            not in html.split('id="werkvoorraad-kop"')[1].split("</section>")[0]
        )


def test_aanbieder_sees_its_items_and_late_starts_count_werkdagen(opzet):
    browser = ingelogd(opzet.aanbieder_user)
    assert groepen(browser) == {
        "start": [opzet.zonder_start.pk],
        "afgekeurd": [opzet.afgekeurd.declaratie_id],
        "afloop": [opzet.aflopend.pk],
        "geweigerd": [opzet.geweigerd.pk],
    }
    start = next(g for g in browser.get("/").context["groepen"] if g.soort == "start")
    vandaag = timezone.localdate()
    uiterlijk = werkdagen.plus_werkdagen(opzet.zonder_start.ingangsdatum, 5)
    assert start.items[0].uiterlijk == uiterlijk
    assert start.items[0].werkdagen_te_laat == werkdagen.werkdagen_tussen(
        uiterlijk, vandaag
    )
    assert "te laat" in browser.get("/").content.decode()


def test_another_party_sees_none_of_it(opzet):
    ander = werk(GemeenteFactory(), AanbiederFactory())
    gezien = groepen(ingelogd(ander.gemeente_user))
    assert opzet.verzoek.pk not in gezien["verzoek"]
    assert gezien["verzoek"] == [ander.verzoek.pk]
    gezien = groepen(ingelogd(ander.aanbieder_user))
    assert gezien["geweigerd"] == [ander.geweigerd.pk]
    # Nor can it mark them handled.
    response = ingelogd(ander.gemeente_user).post(
        AFHANDELEN, {"soort": "verzoek", "object_id": opzet.verzoek.pk, "voor": "mij"}
    )
    assert response.status_code == 403
    assert not Afgehandeld.objects.exists()  # nothing stored for the refused mark


def test_an_item_leaves_when_it_is_done(opzet):
    browser = ingelogd(opzet.aanbieder_user)
    LeveringFactory(toewijzing=opzet.zonder_start)  # start zorg reported
    assert "start" not in groepen(browser)
    opzet.verzoek.status = VerzoekStatus.GEHONOREERD
    opzet.verzoek.save()
    opzet.declaratie.status = DeclaratieStatus.BEANTWOORD
    opzet.declaratie.save()
    gezien = groepen(ingelogd(opzet.gemeente_user))
    assert "verzoek" not in gezien and "antwoord" not in gezien


def test_marked_handled_for_me_leaves_only_my_werkvoorraad(opzet, gemeente):
    collega = gemeente_user(gemeente)
    browser = ingelogd(opzet.gemeente_user)
    response = browser.post(
        AFHANDELEN,
        {"soort": "verzoek", "object_id": opzet.verzoek.pk, "voor": "mij"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "verzoek" not in groepen(browser)
    assert groepen(ingelogd(collega))["verzoek"] == [opzet.verzoek.pk]


def test_marked_handled_for_the_party_leaves_everyones(opzet, gemeente):
    collega = gemeente_user(gemeente)
    browser = ingelogd(opzet.gemeente_user)
    browser.post(
        AFHANDELEN,
        {"soort": "afloop", "object_id": opzet.aflopend.pk, "voor": "partij"},
    )
    assert "afloop" not in groepen(browser)
    assert "afloop" not in groepen(ingelogd(collega))
    # The aanbieder's own werkvoorraad keeps it: another party's mark.
    assert groepen(ingelogd(opzet.aanbieder_user))["afloop"] == [opzet.aflopend.pk]
    # A second mark of the same item is refused: it is no longer there.
    tweede = browser.post(
        AFHANDELEN,
        {"soort": "afloop", "object_id": opzet.aflopend.pk, "voor": "mij"},
    )
    assert tweede.status_code == 403


def test_r_g1_four_eyes_the_first_approver_no_longer_sees_the_wijziging(
    opzet, gemeente
):
    from stamgegevens import services as stamgegevens

    collega = gemeente_user(gemeente)
    opzet.wijziging.wijzigingen = {"iban": "NL20INGB0001234567"}
    opzet.wijziging.save()
    stamgegevens.wijzigingsverzoek_goedkeuren(
        user=opzet.gemeente_user, verzoek=opzet.wijziging
    )
    assert "wijziging" not in groepen(ingelogd(opzet.gemeente_user))
    assert groepen(ingelogd(collega))["wijziging"] == [opzet.wijziging.pk]


def _zonder_start(eerste, aantal: int) -> None:
    for _ in range(aantal):
        ToewijzingFactory(
            client=ClientFactory(gemeente=eerste.gemeente),
            aanbieder=eerste.aanbieder,
            contract=eerste.contract,
            product=eerste.product,
            tarief=False,
            ingangsdatum=eerste.ingangsdatum,
            toewijzingsdatum=eerste.toewijzingsdatum,
            einddatum=timezone.localdate() + timedelta(days=30),
        )


def test_the_page_costs_the_same_queries_for_one_item_or_many(opzet, settings):
    settings.START_CACHE_SECONDEN = 600
    browser = ingelogd(opzet.aanbieder_user)

    def queries() -> int:
        browser.get("/")  # the kept counts are computed once
        with CaptureQueriesContext(connection) as context:
            assert browser.get("/").status_code == 200
        return len(context)

    een = queries()
    _zonder_start(opzet.zonder_start, 11)  # more than a kind shows: one count
    elf = queries()
    _zonder_start(opzet.zonder_start, 40)
    assert queries() == elf
    # Two kinds (start, afloop) now have more than they show: a count each.
    assert elf == een + 2
    start = next(
        g for g in werkvoorraad(user=opzet.aanbieder_user) if g.soort == "start"
    )
    assert (start.aantal, len(start.items)) == (52, 10)
