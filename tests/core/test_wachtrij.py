"""Nothing stranded (issue 19): queueing never fails a request, and the sweep
(`herstel_wachtrij`) picks up what waits, a bounded number of times.

A broker that cannot be reached is a `delay` raising kombu's OperationalError;
the real broker, worker and database faults are in tests/core/test_faults.py.
"""

import time
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

import pytest
from kombu.exceptions import OperationalError

from berichten import verwerking
from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from berichten.verwerking import reden_afgebroken
from core import taken, wachtrij
from core.models import Taak, Werkvoorraad
from tests.berichten.factories import SAMPLES, BerichtFactory, sample, sample_partijen
from tests.core.factories import aanbieder_user, gemeente_user

pytestmark = pytest.mark.django_db

STRAKS = timedelta(seconds=django_settings.WACHTRIJ_WACHTTIJD_SECONDEN + 60)


@pytest.fixture
def broker_weg(settings):
    """A broker configured but down: every send raises, as kombu does. Tests that
    use it commit for real (transaction=True), so queueing runs after the commit
    as in production."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    fout = OperationalError(
        "Error 111 connecting to 127.0.0.1:6379. Connection refused."
    )
    with (
        mock.patch("berichten.tasks.verwerk_bericht.delay", side_effect=fout) as b,
        mock.patch("core.taken.tasks.voer_taak_uit.delay", side_effect=fout) as t,
    ):
        yield b, t
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back (eager here)


def _sweep_later() -> dict:
    return wachtrij.wachtrij_herstellen(nu=timezone.now() + STRAKS)


@pytest.mark.django_db(transaction=True)
def test_api_post_with_the_broker_down_answers_with_the_stored_message(
    client, broker_weg
):
    _, aanbieder = sample_partijen()
    client.force_login(aanbieder_user(aanbieder))
    with mock.patch("core.wachtrij.logger") as log:
        response = client.post(
            "/api/berichten/", sample("WMO305"), content_type="application/xml"
        )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == BerichtStatus.ONTVANGEN
    assert "wachtrij was niet bereikbaar" in data["wachtreden"]
    assert "Connection refused" in str(log.error.call_args)  # the broker error, logged
    bericht = Bericht.objects.get(pk=data["id"])
    assert (bericht.pogingen, bericht.aangeboden, bericht.in_wachtrij_op) == (
        0,
        0,
        None,
    )


@pytest.mark.django_db(transaction=True)
def test_upload_with_the_broker_down_shows_the_waiting_job_and_why(client, broker_weg):
    gemeente, _ = sample_partijen()
    user = gemeente_user(gemeente)
    client.force_login(user)
    response = client.post(
        reverse("berichten:bericht-upload"),
        {"bestanden": [SimpleUploadedFile("retour.xml", sample("WMO302"))]},
    )
    taak = Taak.objects.get(gebruiker=user)
    assert response.status_code == 302 and response.url == taak.get_absolute_url()
    assert taak.status == Taak.Status.WACHTEND
    pagina = client.get(taak.get_absolute_url()).content.decode()
    assert "wachtrij was niet bereikbaar" in pagina
    assert "Wacht sinds" in pagina


@pytest.mark.django_db(transaction=True)
def test_import_with_the_broker_down_stores_every_file_and_says_it_waits(
    tmp_path, broker_weg
):
    _, aanbieder = sample_partijen()
    (tmp_path / "WMO305.xml").write_bytes((SAMPLES / "WMO305.xml").read_bytes())
    out = StringIO()
    namens = f"aanbieder:{aanbieder.agb_code}"
    call_command("iwmo_import", str(tmp_path), "--namens", namens, stdout=out)
    assert "wachtrij was niet bereikbaar" in out.getvalue()
    assert Bericht.objects.get(kanaal=Kanaal.MAP).status == BerichtStatus.ONTVANGEN


@pytest.mark.django_db(transaction=True)
def test_after_the_broker_is_back_the_sweep_processes_everything_once(client, settings):
    gemeente, aanbieder = sample_partijen()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    fout = OperationalError("Connection refused.")
    with (
        mock.patch("berichten.tasks.verwerk_bericht.delay", side_effect=fout),
        mock.patch("core.taken.tasks.voer_taak_uit.delay", side_effect=fout),
    ):
        client.force_login(aanbieder_user(aanbieder))
        client.post("/api/berichten/", sample("WMO305"), content_type="application/xml")
        client.post(  # the aanbieder's retour of the gemeente's 301
            reverse("berichten:bericht-upload"),
            {"bestanden": [SimpleUploadedFile("retour.xml", sample("WMO302"))]},
        )
        # The broker is still down: the sweep offers nothing, counts nothing.
        assert _sweep_later()["berichten_opnieuw"] == 0
    assert Bericht.objects.filter(aangeboden__gt=0).count() == 0
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back

    assert wachtrij.wachtrij_herstellen()["berichten_opnieuw"] == 0  # not waited long
    uitkomst = _sweep_later()
    assert uitkomst["berichten_opnieuw"] == 2 and uitkomst["taken_opnieuw"] == 1

    heen = Bericht.objects.filter(kanaal__in=[Kanaal.API, Kanaal.UPLOAD])
    assert set(heen.values_list("status", flat=True)) == {BerichtStatus.VERWERKT}
    assert Bericht.objects.filter(bericht_type="WMO306").count() == 1  # one retour
    assert Taak.objects.get().status == Taak.Status.KLAAR
    assert all(b.pogingen == 1 for b in heen)  # the job found them processed
    assert _sweep_later() == dict.fromkeys(uitkomst, 0)  # nothing left


def test_the_sweep_gives_up_after_its_offers_with_a_reason_and_a_retry_button(
    client, settings
):
    gemeente, _ = sample_partijen()
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker that takes the offer
    maximum = django_settings.WACHTRIJ_POGINGEN
    nooit = BerichtFactory(
        gemeente=gemeente, status=BerichtStatus.ONTVANGEN, aangeboden=maximum + 1
    )
    afgebroken = BerichtFactory(
        gemeente=gemeente, status=BerichtStatus.ONTVANGEN, pogingen=maximum
    )
    nog_niet = BerichtFactory(
        gemeente=gemeente, status=BerichtStatus.ONTVANGEN, aangeboden=maximum
    )
    with mock.patch("berichten.tasks.verwerk_bericht.delay") as delay:
        uitkomst = _sweep_later()
    assert (uitkomst["berichten_opgegeven"], uitkomst["berichten_opnieuw"]) == (2, 1)
    delay.assert_called_once_with(nog_niet.pk)
    nooit.refresh_from_db(), afgebroken.refresh_from_db(), nog_niet.refresh_from_db()
    assert nooit.status == afgebroken.status == BerichtStatus.FOUT
    assert "zonder dat een verwerker het oppakte" in nooit.foutmelding
    assert afgebroken.foutmelding == reden_afgebroken(maximum)
    assert nog_niet.aangeboden == maximum + 1 and "opnieuw aangeboden" in (
        nog_niet.wachtreden
    )
    client.force_login(gemeente_user(gemeente))
    pagina = client.get(nooit.get_absolute_url()).content.decode()
    assert "Opnieuw verwerken" in pagina and "draaien de verwerkers?" in pagina


def test_a_message_whose_attempts_broke_off_cannot_loop():
    """Each attempt is counted before the work (a worker that dies still counts);
    the next delivery past WACHTRIJ_POGINGEN ends it in fout without processing."""
    sample_partijen()
    bericht = BerichtFactory(
        inhoud=sample("WMO302"),
        status=BerichtStatus.ONTVANGEN,
        pogingen=django_settings.WACHTRIJ_POGINGEN,
    )
    from berichten.tasks import verwerk_bericht

    with mock.patch("berichten.verwerking._verwerk") as verwerk:
        assert verwerk_bericht.delay(bericht.pk).get() == BerichtStatus.FOUT
    verwerk.assert_not_called()
    bericht.refresh_from_db()
    assert "steeds afgebroken" in bericht.foutmelding


def test_an_attempt_is_counted_even_when_the_processing_rolls_back():
    sample_partijen()
    bericht = BerichtFactory(inhoud=sample("WMO302"), status=BerichtStatus.ONTVANGEN)
    with (
        mock.patch("berichten.verwerking._verwerk", side_effect=KeyboardInterrupt),
        pytest.raises(KeyboardInterrupt),  # the worker dies mid-message
    ):
        verwerking.bericht_verwerken(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (BerichtStatus.ONTVANGEN, 1)


def test_a_message_offered_again_after_it_was_processed_is_not_processed_again():
    sample_partijen()
    bericht = BerichtFactory(inhoud=sample("WMO302"), status=BerichtStatus.ONTVANGEN)
    from berichten.tasks import verwerk_bericht

    assert verwerk_bericht.delay(bericht.pk).get() == BerichtStatus.VERWERKT
    with mock.patch("berichten.verwerking._verwerk") as verwerk:
        assert verwerk_bericht.delay(bericht.pk).get() == BerichtStatus.VERWERKT
    verwerk.assert_not_called()
    assert Bericht.objects.get(pk=bericht.pk).pogingen == 1


def test_command_herstel_wachtrij_for_cron():
    sample_partijen()
    bericht = BerichtFactory(inhoud=sample("WMO302"), status=BerichtStatus.ONTVANGEN)
    Bericht.objects.filter(pk=bericht.pk).update(aangemaakt_op=timezone.now() - STRAKS)
    out = StringIO()
    call_command("herstel_wachtrij", stdout=out)
    assert "Berichten opnieuw aangeboden: 1" in out.getvalue()
    assert Bericht.objects.get(pk=bericht.pk).status == BerichtStatus.VERWERKT


def test_celery_settings_keep_the_late_acknowledgement_promise():
    from config.celery import app

    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    # No task outlives the visibility timeout, so none is handed out twice.
    zichtbaar = conf.broker_transport_options["visibility_timeout"]
    assert conf.task_time_limit == django_settings.LANGSTE_TAAK_SECONDEN < zichtbaar
    schema = {v["task"]: v["schedule"] for v in conf.beat_schedule.values()}
    assert schema["core.herstel_wachtrij"] == 60.0


# --- jobs: heartbeat, interruption, restart ---------------------------------------


def optellen(taak, *, getallen: list[int]) -> dict:
    taken.voortgang(taak, 1, 1)
    return {"som": sum(getallen)}


def verbinding_kwijt(taak) -> dict:
    """Cuts its own database connection, as a network fault or a restart would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return {}


def wachten_op_hartslag(taak, *, seconden: float) -> dict:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if Taak.objects.filter(pk=taak.pk, hartslag_op__gt=taak.hartslag_op).exists():
            return {"hartslag": True}
        time.sleep(0.05)
    return {"hartslag": False}


def _taak(user=None, **velden) -> Taak:
    velden = {
        "soort": "Optellen",
        "functie": "tests.core.test_wachtrij.optellen",
        "parameters": {"getallen": [2, 3]},
        **velden,
    }
    return Taak.objects.create(gebruiker=user or gemeente_user(), **velden)


def test_progress_writes_a_heartbeat():
    taak = _taak()
    taken.voortgang(taak, 1, 4)
    assert Taak.objects.get(pk=taak.pk).hartslag_op is not None


def test_a_running_job_whose_heartbeat_stopped_is_interrupted_and_can_be_restarted(
    client,
):
    user = gemeente_user()
    lang_geleden = timezone.now() - STRAKS
    stil = _taak(user, status=Taak.Status.BEZIG, gestart_op=lang_geleden)
    Taak.objects.filter(pk=stil.pk).update(hartslag_op=lang_geleden)
    levend = _taak(user, status=Taak.Status.BEZIG, gestart_op=lang_geleden)
    taken.voortgang(levend, 1, 2)  # a sign of life just now

    assert wachtrij.wachtrij_herstellen()["taken_onderbroken"] == 1
    stil.refresh_from_db(), levend.refresh_from_db()
    assert (stil.status, levend.status) == (Taak.Status.FOUT, Taak.Status.BEZIG)
    assert "onderbroken" in stil.melding and "Opnieuw starten" in stil.melding

    client.force_login(user)
    pagina = client.get(stil.get_absolute_url()).content.decode()
    assert "onderbroken" in pagina and "Opnieuw starten</button>" in pagina
    response = client.post(reverse("taken:taak-opnieuw", args=[stil.pk]))
    nieuw = Taak.objects.exclude(pk__in=[stil.pk, levend.pk]).get()
    assert response.url == nieuw.get_absolute_url()
    assert (nieuw.status, nieuw.resultaat) == (Taak.Status.KLAAR, {"som": 5})
    assert (nieuw.functie, nieuw.parameters) == (stil.functie, stil.parameters)
    # Only a failed job is started again.
    client.post(reverse("taken:taak-opnieuw", args=[nieuw.pk]))
    assert Taak.objects.count() == 3


def test_a_job_delivered_again_runs_only_when_its_worker_is_gone(settings):
    levend = _taak(status=Taak.Status.BEZIG, hartslag_op=timezone.now(), pogingen=1)
    assert taken.taak_uitvoeren(taak_id=levend.pk).status == Taak.Status.BEZIG

    weg = _taak(status=Taak.Status.BEZIG, hartslag_op=timezone.now() - STRAKS)
    Taak.objects.filter(pk=weg.pk).update(pogingen=1)
    weg = taken.taak_uitvoeren(taak_id=weg.pk)
    assert (weg.status, weg.pogingen) == (Taak.Status.KLAAR, 2)

    kapot = _taak(pogingen=settings.WACHTRIJ_POGINGEN)  # broke off every time
    with mock.patch("core.taken.uitvoeren.import_string") as laden:
        kapot = taken.taak_uitvoeren(taak_id=kapot.pk)
    laden.assert_not_called()
    assert kapot.status == Taak.Status.FOUT and "steeds onderbroken" in kapot.melding


def test_a_waiting_job_is_offered_again_then_given_up(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    maximum = settings.WACHTRIJ_POGINGEN
    wacht = _taak()
    op = _taak(aangeboden=maximum + 1)
    with mock.patch("core.taken.tasks.voer_taak_uit.delay") as delay:
        uitkomst = _sweep_later()
    delay.assert_called_once_with(wacht.pk)
    assert (uitkomst["taken_opnieuw"], uitkomst["taken_opgegeven"]) == (1, 1)
    op.refresh_from_db(), wacht.refresh_from_db()
    assert op.status == Taak.Status.FOUT and "Opnieuw starten" in op.melding
    assert wacht.aangeboden == 1 and "opnieuw aangeboden" in wacht.wachtreden


# --- screens -------------------------------------------------------------------------


def test_a_waiting_message_shows_since_when_and_why_and_can_be_retried_when_too_long(
    client,
):
    gemeente, aanbieder = sample_partijen()
    client.force_login(gemeente_user(gemeente))
    vers = BerichtFactory(
        gemeente=gemeente,
        aanbieder=aanbieder,
        inhoud=sample("WMO302"),
        status=BerichtStatus.ONTVANGEN,
        wachtreden="De wachtrij was niet bereikbaar (30-11-2026 10:00); …",
    )
    pagina = client.get(vers.get_absolute_url()).content.decode()
    assert "Wacht sinds" in pagina and "wachtrij was niet bereikbaar" in pagina
    assert "Opnieuw verwerken" not in pagina  # not waited long enough yet
    url = reverse("berichten:bericht-opnieuw", args=[vers.pk])
    assert client.post(url).status_code == 403
    assert (
        "wacht sinds" in client.get(reverse("berichten:bericht-list")).content.decode()
    )
    assert "wachten te lang" not in client.get("/").content.decode()

    Bericht.objects.filter(pk=vers.pk).update(aangemaakt_op=timezone.now() - STRAKS)
    Werkvoorraad.objects.all().delete()  # the start page keeps its counts a minute
    start = client.get("/").content.decode()
    assert "berichten wachten te lang of liepen vast" in start
    lijst = client.get(reverse("berichten:bericht-list") + "?wacht=true")
    assert [b.pk for b in lijst.context["object_list"]] == [vers.pk]
    assert "Opnieuw verwerken" in client.get(vers.get_absolute_url()).content.decode()
    response = client.post(url)
    taak = Taak.objects.get()  # a job, not processing inside the request
    assert response.url == taak.get_absolute_url()
    assert Bericht.objects.get(pk=vers.pk).status == BerichtStatus.VERWERKT


# --- database faults (PostgreSQL: a backend can be terminated) -----------------------

alleen_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="terminates a PostgreSQL backend"
)


@alleen_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_job_that_lost_its_database_connection_ends_in_fout_not_bezig():
    taak = _taak(functie="tests.core.test_wachtrij.verbinding_kwijt", parameters={})
    taak = taken.taak_uitvoeren(taak_id=taak.pk)
    taak = Taak.objects.get(pk=taak.pk)  # read on a fresh connection
    assert taak.status == Taak.Status.FOUT
    assert "databaseverbinding viel weg" in taak.melding


@alleen_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_message_whose_connection_is_cut_mid_processing_keeps_nothing_and_is_retried(
    monkeypatch,
):
    from berichten import registry
    from berichten.models import Nummering

    sample_partijen()

    def handler(*, bericht, message):
        Nummering.objects.create(sleutel="half-opgeslagen")
        verbinding_kwijt(None)

    monkeypatch.setitem(registry._handlers, "WMO305", handler)
    bericht = BerichtFactory(inhoud=sample("WMO305"), status=BerichtStatus.ONTVANGEN)
    bericht = verwerking.bericht_verwerken(bericht_id=bericht.pk)
    assert bericht.status == BerichtStatus.ONTVANGEN and bericht.pogingen == 1
    assert "databaseverbinding viel weg" in bericht.wachtreden
    assert not Nummering.objects.filter(sleutel="half-opgeslagen").exists()

    monkeypatch.setitem(registry._handlers, "WMO305", lambda **_: registry.Verwerking())
    assert _sweep_later()["berichten_opnieuw"] == 1
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (BerichtStatus.VERWERKT, 2)
    assert bericht.retourberichten.count() == 1


@alleen_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_running_job_beats_while_it_works(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as in a worker
    settings.TAAK_HARTSLAG_SECONDEN = 0.05
    taak = _taak(
        functie="tests.core.test_wachtrij.wachten_op_hartslag",
        parameters={"seconden": 10},
    )
    taak = taken.taak_uitvoeren(taak_id=taak.pk)
    assert taak.resultaat == {"hartslag": True}
