"""The start page's work counts (portaal.werkvoorraad): kept per party in
core.Werkvoorraad, refreshed by celery beat, recomputed by the page only when stale."""

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from core.models import Werkvoorraad
from portaal.signalen import signalen_vastleggen
from portaal.tasks import werkvoorraad_verversen
from tests.core.factories import aanbieder_user, gemeente_user
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


def _start(user):
    client = Client()
    client.force_login(user)
    return client.get("/")


def _nieuw(user) -> int:
    return _start(user).context["aantal_nieuwe_toewijzingen"]


def test_counts_are_kept_per_party_and_refreshed_by_the_beat_task(settings):
    settings.START_CACHE_SECONDEN = 60
    eerste = ToewijzingFactory()  # nieuw: no start yet
    a = gemeente_user(eerste.gemeente)
    b = gemeente_user(ToewijzingFactory(gestart=True).gemeente)
    assert (_nieuw(a), _nieuw(b)) == (1, 0)  # each party its own counts

    ToewijzingFactory(client=eerste.client, aanbieder=eerste.aanbieder)
    assert _nieuw(a) == 1  # still the kept count
    assert _nieuw(gemeente_user(eerste.gemeente)) == 1  # for the whole party
    assert werkvoorraad_verversen.delay().get() == 2  # celery beat: both parties
    assert _nieuw(a) == 2


def test_the_page_does_not_count_toewijzingen_while_the_row_is_fresh(settings):
    settings.START_CACHE_SECONDEN = 60
    user = aanbieder_user(ToewijzingFactory().aanbieder)
    _start(user)
    with CaptureQueriesContext(connection) as queries:
        assert _start(user).status_code == 200
    assert not [q for q in queries if "toewijzingen_toewijzing" in q["sql"]]


def test_a_stale_row_is_recomputed_by_the_page(settings):
    """The fallback when no worker runs: older than START_CACHE_SECONDEN."""
    settings.START_CACHE_SECONDEN = 60
    eerste = ToewijzingFactory()
    a = gemeente_user(eerste.gemeente)
    assert _nieuw(a) == 1
    ToewijzingFactory(client=eerste.client, aanbieder=eerste.aanbieder)
    Werkvoorraad.objects.update(berekend_op=timezone.now() - timedelta(seconds=61))
    assert _nieuw(a) == 2


def test_counts_are_fresh_when_not_kept(settings):
    settings.START_CACHE_SECONDEN = 0
    eerste = ToewijzingFactory()
    a = gemeente_user(eerste.gemeente)
    assert _nieuw(a) == 1
    ToewijzingFactory(client=eerste.client, aanbieder=eerste.aanbieder)
    assert _nieuw(a) == 2


def test_signals_survive_the_kept_row(settings):
    settings.START_CACHE_SECONDEN = 60
    t = ToewijzingFactory(ingangsdatum=date(2026, 8, 20))  # start zorg is late
    signalen_vastleggen()
    user = aanbieder_user(t.aanbieder)
    vers = _start(user).context
    bewaard = _start(user).context
    assert vers["signalen"], "the test needs a signal"
    assert bewaard["aantal_signalen"] == vers["aantal_signalen"]
    assert [s.pk for s in bewaard["signalen"]] == [s.pk for s in vers["signalen"]]


def test_command_for_cron_refreshes_the_rows(settings):
    settings.START_CACHE_SECONDEN = 60
    _start(gemeente_user(ToewijzingFactory().gemeente))
    uit = StringIO()
    call_command("werkvoorraad", stdout=uit)
    assert "1 partij(en)" in uit.getvalue()


def test_the_task_drops_a_row_whose_user_left_the_party(settings):
    settings.START_CACHE_SECONDEN = 60
    user = gemeente_user(ToewijzingFactory().gemeente)
    _start(user)
    user.gemeente = ToewijzingFactory().gemeente
    user.save()
    assert werkvoorraad_verversen.delay().get() == 0
    assert not Werkvoorraad.objects.exists()
