"""Fault injection (issue 19): broker, worker and database faults on PostgreSQL with
a real Redis broker of the test's own (a free port, no persistence) and real
`celery worker` processes (tests/echte_wachtrij.py).

After each fault: every inbound message ends processed exactly once or in `fout`
with a reason; no duplicate Declaraties, Prestaties or 325s; every job ends klaar
or fout. A worker is held in the middle of a message by a row lock this test takes
on the counter of the 325's identification, which the processing needs after it
has written the declaratie and its lines (uncommitted).

Short timeouts come from the workers' environment (visibility timeout, heartbeat);
the sweep is called as celery beat calls it, with the clock past the waiting time.
"""

import os
import signal
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import psycopg
import pytest

from berichten import services
from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht, Nummering
from core import wachtrij
from core.models import Taak
from declaraties.models import Declaratie, Prestatie
from stamgegevens.models import Aanbieder
from tests.berichten.factories import sample, sample_partijen
from tests.berichten.kanaal_helpers import afzender
from tests.core.factories import aanbieder_user, gemeente_user
from tests.echte_wachtrij import (
    REDEN_OVERSLAAN,
    Redis,
    Worker,
    celery_naar,
    celery_terug,
    database_url,
    wacht_tot,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(bool(REDEN_OVERSLAAN), reason=REDEN_OVERSLAAN),
]

API = "/api/berichten/"
SLEUTEL_325 = "identificatie:0363:WMO325"  # the gemeente of the samples numbers its 325
STRAKS = timedelta(seconds=django_settings.WACHTRIJ_WACHTTIJD_SECONDEN + 60)
ONAF = (BerichtStatus.ONTVANGEN,)


def declaratie(i: int) -> bytes:
    """The sample 323 with its own identification, DeclaratieNummer and lines."""
    return (
        sample("WMO323")
        .replace(b"D2026-0923", f"D2026-{i:04d}".encode())
        .replace(b"DEC2026009", f"DEC2026{i:03d}".encode())
        .replace(b"PR-2026-", f"PR-{i:04d}-".encode())
    )


@pytest.fixture
def omgeving(settings, tmp_path):
    """Its own redis-server (not started yet), this process sending to it, and a
    way to start workers; everything is stopped at the end."""
    settings.MEDIA_ROOT = tmp_path
    sample_partijen()
    Nummering.objects.create(sleutel=SLEUTEL_325)
    redis = Redis()
    eerder = celery_naar(redis.url(), settings)
    workers = []

    def worker(naam="worker", **env) -> Worker:
        env = {
            "DJANGO_MEDIA_ROOT": tmp_path,
            "TAAK_HARTSLAG_SECONDEN": 1,
            "WACHTRIJ_OPNIEUW_SECONDEN": 1,
            "DATABASE_CLIENT_CHECK_MS": 300,  # a killed worker's session goes soon
            **env,
        }
        w = Worker(redis.url(), tmp_path / f"{naam}.log", **env).start()
        workers.append(w)
        return w

    try:
        yield redis, worker
    finally:
        for w in workers:
            w.stop()
        redis.stop()
        celery_terug(eerder)


def _aanbieder() -> Aanbieder:
    return Aanbieder.objects.get(agb_code="73730012")  # of the samples


def _api(inhoud: bytes):
    client = Client()
    client.force_login(aanbieder_user(_aanbieder()))
    return client.post(API, inhoud, content_type="application/xml")


def _sweep() -> dict:
    return wachtrij.wachtrij_herstellen(nu=timezone.now() + STRAKS)


def _heen():
    return Bericht.objects.exclude(kanaal=Kanaal.PORTAAL)


def _klaar(*processen, seconden=90) -> None:
    """Wait until no message waits and every job has ended."""
    wacht_tot(
        lambda: (
            not _heen().filter(status__in=ONAF).exists()
            and not Taak.objects.exclude(
                status__in=[Taak.Status.KLAAR, Taak.Status.FOUT]
            ).exists()
        ),
        seconden,
        wat="every message and job to end",
        processen=processen,
    )


def _eenmaal_of_fout() -> None:
    """The invariants of every scenario."""
    for bericht in _heen():
        assert bericht.status == BerichtStatus.VERWERKT or (
            bericht.status == BerichtStatus.FOUT and bericht.foutmelding
        ), (bericht.pk, bericht.status, bericht.wachtreden)
    verwerkt = _heen().filter(bericht_type="WMO323", status=BerichtStatus.VERWERKT)
    assert Declaratie.objects.filter(bericht__in=verwerkt).count() == verwerkt.count()
    assert Declaratie.objects.count() == verwerkt.count()
    assert Prestatie.objects.count() == 3 * verwerkt.count()
    antwoorden = Bericht.objects.filter(bericht_type="WMO325")
    assert antwoorden.count() == verwerkt.count()
    assert set(antwoorden.values_list("heenbericht", flat=True)) == set(
        verwerkt.values_list("pk", flat=True)
    )
    assert set(Taak.objects.values_list("status", flat=True)) <= {"klaar", "fout"}


@contextmanager
def vastgehouden():
    """Hold the 325 counter's row lock in a connection of its own: a worker that
    processes a 323 waits there, mid-transaction, until the block ends."""
    with psycopg.connect(database_url()) as slot:
        slot.execute(
            "SELECT * FROM berichten_nummering WHERE sleutel = %s FOR UPDATE",
            [SLEUTEL_325],
        )
        yield
        slot.rollback()


def _wachtende_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        return [pid for (pid,) in cursor.fetchall()]


def _pogingen(bericht_id: int) -> int:
    return Bericht.objects.get(pk=bericht_id).pogingen


# --- the broker -----------------------------------------------------------------------


def test_broker_down_at_upload_api_and_import_then_back_processed_by_the_sweep(
    omgeving, tmp_path
):
    redis, worker = omgeving  # redis-server not started: the broker is down
    api = _api(declaratie(1))
    assert api.status_code == 201, api.content
    assert "wachtrij was niet bereikbaar" in api.json()["wachtreden"]

    aanbieder = Bericht.objects.get().aanbieder  # the 323's sender uploads it
    client = Client()
    client.force_login(aanbieder_user(aanbieder))
    upload = client.post(
        reverse("berichten:bericht-upload"),
        {"bestanden": [SimpleUploadedFile(f"d{i}.xml", declaratie(i)) for i in (2, 3)]},
    )
    taak = Taak.objects.get()
    assert upload.status_code == 302 and upload.url == taak.get_absolute_url()
    assert "wachtrij was niet bereikbaar" in client.get(upload.url).content.decode()

    map_ = tmp_path / "inbox"
    map_.mkdir()
    (map_ / "d4.xml").write_bytes(declaratie(4))
    out = StringIO()
    namens = f"aanbieder:{aanbieder.agb_code}"
    call_command("iwmo_import", str(map_), "--namens", namens, stdout=out)
    assert "wachtrij was niet bereikbaar" in out.getvalue()
    assert _heen().filter(status=BerichtStatus.ONTVANGEN, pogingen=0).count() == 4

    redis.start()  # the broker is back; the sweep does the rest, no person needed
    w = worker()
    uitkomst = _sweep()
    assert (uitkomst["berichten_opnieuw"], uitkomst["taken_opnieuw"]) == (4, 1)
    _klaar(w)
    _eenmaal_of_fout()
    assert _heen().filter(status=BerichtStatus.VERWERKT).count() == 4
    assert Taak.objects.get().status == Taak.Status.KLAAR


def test_broker_restarted_with_its_queue_lost_and_an_upload_cut_short(omgeving):
    redis, worker = omgeving
    redis.start()
    for i in (1, 2):
        assert _api(declaratie(i)).status_code == 201
    taak_client = Client()
    taak_client.force_login(aanbieder_user(Bericht.objects.first().aanbieder))
    taak_client.post(
        reverse("berichten:bericht-upload"),
        {"bestanden": [SimpleUploadedFile("d3.xml", declaratie(3))]},
    )
    # A web process killed in a multi-file upload after storing two files: what
    # it leaves is two stored messages and no job.
    for i in (4, 5):
        services.bericht_opslaan(
            inhoud=declaratie(i),
            kanaal=Kanaal.UPLOAD,
            namens=afzender(declaratie(i)),
            bestandsnaam=f"d{i}.xml",
        )
    assert _heen().filter(aangeboden=1).count() == 2  # queued, then lost:
    redis.stop()
    redis.start()  # no persistence: the queue is gone
    w = worker()

    uitkomst = _sweep()
    assert (uitkomst["berichten_opnieuw"], uitkomst["taken_opnieuw"]) == (5, 1)
    _klaar(w)
    _eenmaal_of_fout()
    assert _heen().filter(status=BerichtStatus.VERWERKT).count() == 5


# --- the worker --------------------------------------------------------------------


def test_pool_child_killed_mid_message_is_redelivered_and_processed_once(omgeving):
    redis, worker = omgeving
    redis.start()
    w = worker(pool="prefork")
    with vastgehouden():
        bericht_id = _api(declaratie(1)).json()["id"]
        wacht_tot(_wachtende_backends, 60, wat="the worker to hold", processen=[w])
        os.kill(w.kinderen()[0], signal.SIGKILL)  # as the OOM killer does
        # task_reject_on_worker_lost: the message goes back, a new child takes it.
        wacht_tot(lambda: _pogingen(bericht_id) == 2, 60, processen=[w])
        assert Declaratie.objects.count() == 0  # nothing half-saved
    _klaar(w)
    _eenmaal_of_fout()
    assert Bericht.objects.get(pk=bericht_id).status == BerichtStatus.VERWERKT


def test_a_message_that_kills_its_worker_every_time_ends_in_fout_and_can_be_retried(
    omgeving,
):
    redis, worker = omgeving
    redis.start()
    w = worker(pool="prefork")
    maximum = django_settings.WACHTRIJ_POGINGEN
    with vastgehouden():
        bericht_id = _api(declaratie(1)).json()["id"]
        for poging in range(1, maximum + 1):
            wacht_tot(
                lambda p=poging: _pogingen(bericht_id) == p and _wachtende_backends(),
                60,
                processen=[w],
            )
            os.kill(w.kinderen()[0], signal.SIGKILL)
        wacht_tot(lambda: not _wachtende_backends(), 30, wat="its session to go")

    # The next delivery, or the sweep, finds the attempts used up: fout, no loop.
    def fout() -> bool:
        if Bericht.objects.get(pk=bericht_id).status == BerichtStatus.FOUT:
            return True
        _sweep()
        return False

    wacht_tot(fout, 60, processen=[w])
    bericht = Bericht.objects.get(pk=bericht_id)
    assert bericht.pogingen == maximum and "steeds afgebroken" in bericht.foutmelding
    _eenmaal_of_fout()

    client = Client()
    client.force_login(gemeente_user(bericht.gemeente))
    response = client.post(reverse("berichten:bericht-opnieuw", args=[bericht_id]))
    assert response.status_code == 302  # a job, run by the worker
    _klaar(w)
    _eenmaal_of_fout()
    assert Bericht.objects.get(pk=bericht_id).status == BerichtStatus.VERWERKT


def test_whole_worker_killed_mid_message_comes_back_after_the_visibility_timeout(
    omgeving,
):
    redis, worker = omgeving
    redis.start()
    kort = {"WACHTRIJ_ZICHTBAARHEID_SECONDEN": 3}
    w = worker("eerste", **kort)
    with vastgehouden():
        bericht_id = _api(declaratie(1)).json()["id"]
        wacht_tot(_wachtende_backends, 60, wat="the worker to hold", processen=[w])
        w.kill()  # the whole worker: the message stays unacknowledged in Redis
        wacht_tot(lambda: not _wachtende_backends(), 30, wat="its backend to go")
    tweede = worker("tweede", **kort)
    _klaar(tweede)
    _eenmaal_of_fout()
    bericht = Bericht.objects.get(pk=bericht_id)
    assert (bericht.status, bericht.pogingen) == (BerichtStatus.VERWERKT, 2)


def test_a_task_running_past_the_visibility_timeout_has_one_effect(omgeving):
    """Redelivered to a second worker while the first still runs it: the second
    finds the message locked by the first and leaves it; one 325, one attempt."""
    redis, worker = omgeving
    redis.start()
    kort = {"WACHTRIJ_ZICHTBAARHEID_SECONDEN": 2}
    eerste = worker("eerste", **kort)
    with vastgehouden():
        bericht_id = _api(declaratie(1)).json()["id"]
        wacht_tot(_wachtende_backends, 60, processen=[eerste])
        tweede = worker("tweede", **kort)
        wacht_tot(
            # …and to leave it: the message is still being processed by the first.
            lambda: (
                "verwerk_bericht" in tweede.log()
                and "succeeded" in tweede.log()
                and ": 'ontvangen'" in tweede.log()
            ),
            60,
            wat="the second worker to get the redelivered task",
            processen=[eerste, tweede],
        )
    _klaar(eerste, tweede)
    _eenmaal_of_fout()
    assert _pogingen(bericht_id) == 1


# --- the database ------------------------------------------------------------------


def test_database_connection_cut_mid_message_nothing_half_saved_then_retried(omgeving):
    redis, worker = omgeving
    redis.start()
    w = worker()
    with vastgehouden():
        bericht_id = _api(declaratie(1)).json()["id"]
        (pid,) = wacht_tot(_wachtende_backends, 60, processen=[w])
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        wacht_tot(
            lambda: (
                "databaseverbinding viel weg"
                in Bericht.objects.get(pk=bericht_id).wachtreden
            ),
            30,
            processen=[w],
        )
        assert Declaratie.objects.count() == 0 and Prestatie.objects.count() == 0
        # Tried again by the task itself shortly after (the sweep is the backstop).
        wacht_tot(lambda: _pogingen(bericht_id) == 2, 30, processen=[w])
    _klaar(w)
    _eenmaal_of_fout()
    bericht = Bericht.objects.get(pk=bericht_id)
    assert (bericht.status, bericht.pogingen) == (BerichtStatus.VERWERKT, 2)


def test_database_connection_cut_mid_export_job_ends_it_in_fout_then_restart(omgeving):
    redis, worker = omgeving
    redis.start()
    w = worker()
    client = Client()
    client.force_login(aanbieder_user(_aanbieder()))
    url = reverse("declaraties:afgekeurde-regels-csv")
    with psycopg.connect(database_url()) as slot:
        slot.execute("LOCK TABLE declaraties_prestatie IN ACCESS EXCLUSIVE MODE")
        client.post(url)  # export jobs start by POST
        taak = Taak.objects.get()
        (pid,) = wacht_tot(_wachtende_backends, 60, processen=[w])
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        wacht_tot(lambda: Taak.objects.get(pk=taak.pk).is_afgelopen, 30, processen=[w])
        slot.rollback()
    taak.refresh_from_db()
    assert taak.status == Taak.Status.FOUT
    assert "databaseverbinding viel weg" in taak.melding

    response = client.post(reverse("taken:taak-opnieuw", args=[taak.pk]))
    nieuw = Taak.objects.exclude(pk=taak.pk).get()
    assert response.url == nieuw.get_absolute_url()
    _klaar(w)
    nieuw.refresh_from_db()
    assert nieuw.status == Taak.Status.KLAAR and nieuw.bestand
