"""Signals: OP271 from receipt of the 301, OP346, R-D8 on both sides, and stored
signals a person marks handled. Today is Friday 28-8-2026."""

from datetime import date, datetime

from django.test import Client as Browser
from django.utils import timezone

from declaraties.constants import DeclaratieStatus
from portaal import signalen
from tests.declaraties.factories import DeclaratieFactory
from tests.toewijzingen.factories import (
    LeveringFactory,
    ToewijzingFactory,
    VerzoekFactory,
)
from toewijzingen import selectors
from toewijzingen.constants import SignaalSoort, SignaalStatus, VerzoekStatus
from toewijzingen.models import Signaal, Toewijzing

VANDAAG = date(2026, 8, 28)


def _soorten(lijst):
    return [(s.soort, s.object.pk, s.uiterlijk) for s in lijst]


# --- OP271 -------------------------------------------------------------------------


def test_op271_start_counts_from_receipt_of_the_301(opzet):
    # Retroactive: ingangsdatum 1 August, the 301 arrived Thursday 27 August.
    t = ToewijzingFactory(
        aanbieder=opzet.aanbieder,
        client=opzet.client,
        ingangsdatum=date(2026, 8, 1),
        toewijzingsdatum=date(2026, 8, 27),
    )
    assert signalen.start_ontbreekt(aanbieder=opzet.aanbieder, vandaag=VANDAAG) == []
    # 5 werkdagen after 27-8 is Thursday 3-9; overdue on Friday 4-9.
    assert (
        signalen.start_ontbreekt(aanbieder=opzet.aanbieder, vandaag=date(2026, 9, 3))
        == []
    )
    assert _soorten(
        signalen.start_ontbreekt(aanbieder=opzet.aanbieder, vandaag=date(2026, 9, 4))
    ) == [(SignaalSoort.START_ONTBREEKT, t.pk, date(2026, 9, 3))]


def test_op271_ingangsdatum_after_receipt_counts_from_ingangsdatum(opzet):
    t = ToewijzingFactory(
        aanbieder=opzet.aanbieder,
        client=opzet.client,
        ingangsdatum=date(2026, 8, 17),
        toewijzingsdatum=date(2026, 8, 1),
    )
    assert _soorten(
        signalen.start_ontbreekt(aanbieder=opzet.aanbieder, vandaag=VANDAAG)
    ) == [(SignaalSoort.START_ONTBREEKT, t.pk, date(2026, 8, 24))]


def test_op271_deleted_start_does_not_count_as_reported(opzet):
    kwargs = {"aanbieder": opzet.aanbieder, "client": opzet.client}
    verwijderd = ToewijzingFactory(**kwargs)
    LeveringFactory(toewijzing=verwijderd, vervallen=True)
    LeveringFactory(toewijzing=verwijderd, status_aanlevering="3")
    gestart = ToewijzingFactory(**kwargs, gestart=True)
    alleen_stop = ToewijzingFactory(**kwargs)
    LeveringFactory(toewijzing=alleen_stop, stop=True)
    gevonden = {
        s.object.pk
        for s in signalen.start_ontbreekt(aanbieder=opzet.aanbieder, vandaag=VANDAAG)
    }
    assert verwijderd.pk in gevonden and alleen_stop.pk in gevonden
    assert gestart.pk not in gevonden


# --- OP346 -------------------------------------------------------------------------


def _in_onderzoek(opzet, dag: date):
    verzoek = VerzoekFactory(
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        status=VerzoekStatus.IN_ONDERZOEK,
    )
    type(verzoek).objects.filter(pk=verzoek.pk).update(
        beantwoord_op=timezone.make_aware(datetime(dag.year, dag.month, dag.day, 10))
    )
    return verzoek


def test_op346_in_onderzoek_past_8_weeks_is_signalled(opzet):
    te_lang = _in_onderzoek(opzet, date(2026, 6, 30))  # 8 weeks: 25-8
    _in_onderzoek(opzet, date(2026, 7, 10))  # 8 weeks: 4-9, not yet
    for partij in ({"gemeente": opzet.gemeente}, {"aanbieder": opzet.aanbieder}):
        result = signalen.in_onderzoek_te_lang(**partij, vandaag=VANDAAG)
        assert _soorten(result) == [
            (SignaalSoort.IN_ONDERZOEK_TE_LANG, te_lang.pk, date(2026, 8, 25))
        ]
        assert result[0].werkdagen_te_laat == 3  # 26, 27, 28 August
    # Answered in the end: no signal.
    type(te_lang).objects.filter(pk=te_lang.pk).update(status=VerzoekStatus.GEHONOREERD)
    assert signalen.in_onderzoek_te_lang(gemeente=opzet.gemeente, vandaag=VANDAAG) == []


# --- R-D8 --------------------------------------------------------------------------


def test_r_d8_325_not_received_within_10_werkdagen_on_both_sides(opzet):
    kwargs = {"aanbieder": opzet.aanbieder, "gemeente": opzet.gemeente}
    te_laat = DeclaratieFactory(
        **kwargs,
        status=DeclaratieStatus.INGEDIEND,
        antwoord_uiterlijk=date(2026, 8, 27),
    )
    DeclaratieFactory(  # due today: not late yet
        **kwargs, status=DeclaratieStatus.INGEDIEND, antwoord_uiterlijk=VANDAAG
    )
    DeclaratieFactory(  # answered
        **kwargs,
        status=DeclaratieStatus.BEANTWOORD,
        antwoord_uiterlijk=date(2026, 8, 1),
    )
    for partij in ({"gemeente": opzet.gemeente}, {"aanbieder": opzet.aanbieder}):
        assert _soorten(signalen.antwoord_ontbreekt(**partij, vandaag=VANDAAG)) == [
            (SignaalSoort.ANTWOORD_ONTBREEKT, te_laat.pk, date(2026, 8, 27))
        ]
    # Stored: one signal for the gemeente that must send it, one for the aanbieder.
    signalen.signalen_vastleggen(vandaag=VANDAAG)
    rijen = Signaal.objects.filter(soort=SignaalSoort.ANTWOORD_ONTBREEKT)
    assert {(r.gemeente_id, r.aanbieder_id) for r in rijen} == {
        (opzet.gemeente.pk, None),
        (None, opzet.aanbieder.pk),
    }
    assert all(r.url == f"/declaraties/{te_laat.pk}/" for r in rijen)


def test_r_d8_shown_in_both_signal_lists(opzet):
    DeclaratieFactory(
        aanbieder=opzet.aanbieder,
        gemeente=opzet.gemeente,
        status=DeclaratieStatus.INGEDIEND,
        antwoord_uiterlijk=date(2026, 8, 20),
    )
    signalen.signalen_vastleggen()
    for user in (opzet.gemeente_user, opzet.aanbieder_user):
        browser = Browser()
        browser.force_login(user)
        html = browser.get("/toewijzingen/signalen/").content.decode()
        assert "niet binnen 10 werkdagen (R-D8)" in html


# --- stored signals ----------------------------------------------------------------


def _start_signaal(opzet) -> Signaal:
    ToewijzingFactory(aanbieder=opzet.aanbieder, client=opzet.client)
    signalen.signalen_vastleggen(vandaag=VANDAAG)
    return Signaal.objects.get(soort=SignaalSoort.START_ONTBREEKT)


def _csrf_browser(user) -> Browser:
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get("/toewijzingen/signalen/")
    return browser


def test_signaal_marked_handled_stays_handled_when_recomputed(opzet):
    signaal = _start_signaal(opzet)
    assert signaal.aanbieder == opzet.aanbieder and signaal.gemeente is None
    # Recomputing does not duplicate.
    assert signalen.signalen_vastleggen(vandaag=VANDAAG)["nieuw"] == 0
    assert Signaal.objects.count() == 1
    browser = _csrf_browser(opzet.aanbieder_user)
    url = f"/toewijzingen/signalen/{signaal.pk}/afhandelen/"
    # Without the CSRF token: refused.
    assert browser.post(url).status_code == 403
    token = browser.cookies["csrftoken"].value
    response = browser.post(url, {"csrfmiddlewaretoken": token}, follow=True)
    assert "Het signaal is afgehandeld" in response.content.decode()
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.AFGEHANDELD
    assert signaal.afgehandeld_door == opzet.aanbieder_user
    # Recomputed later: still handled, not reopened, not duplicated.
    signalen.signalen_vastleggen(vandaag=date(2026, 9, 4))
    assert Signaal.objects.count() == 1
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.AFGEHANDELD
    assert not selectors.signaal_list(user=opzet.aanbieder_user).exists()
    afgehandeld = selectors.signaal_list(
        user=opzet.aanbieder_user, filters={"status": SignaalStatus.AFGEHANDELD}
    )
    assert list(afgehandeld) == [signaal]


def test_signaal_of_the_other_party_is_404(opzet):
    signaal = _start_signaal(opzet)
    browser = _csrf_browser(opzet.gemeente_user)
    token = browser.cookies["csrftoken"].value
    url = f"/toewijzingen/signalen/{signaal.pk}/afhandelen/"
    assert browser.post(url, {"csrfmiddlewaretoken": token}).status_code == 404
    assert browser.get(url).status_code in (403, 405)
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.OPEN


def test_signaal_solved_by_itself_closes_and_comes_back_open(opzet):
    signaal = _start_signaal(opzet)
    start = LeveringFactory(toewijzing=Toewijzing.objects.get(pk=signaal.object_id))
    assert signalen.signalen_vastleggen(vandaag=VANDAAG)["opgelost"] == 1
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.OPGELOST
    # The start is deleted again (status 3): the same row opens again.
    type(start).objects.filter(pk=start.pk).update(vervallen=True)
    signalen.signalen_vastleggen(vandaag=VANDAAG)
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.OPEN
    assert Signaal.objects.count() == 1
