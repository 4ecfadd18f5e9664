"""Scaling out: a real Celery worker process, a real broker (Redis) and PostgreSQL.

The web side (this test process) stores the upload and queues a job; a separate
`celery worker` process picks it up from Redis and finishes it in the same database.
Runs where PostgreSQL and Redis are (CI); skipped on the embedded SQLite default.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

import pytest

from berichten.constants import BerichtStatus
from berichten.models import Bericht
from config.celery import app as celery_app
from core.models import Taak
from tests.factories import gemeente_user, sample, sample_partijen

REDIS = ("127.0.0.1", 6379)
ROOT = Path(__file__).resolve().parents[2]


def _redis_answers() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not _redis_answers(),
        reason="needs PostgreSQL and Redis on 127.0.0.1",
    ),
]


def _database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        f"/{s['NAME']}"
    )


def _verse_verbindingen() -> None:
    """Forget pooled broker connections, so the next send uses conf.broker_url
    (an earlier test may have connected to the default broker)."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def worker(settings, tmp_path):
    """A `celery worker` process on a queue of its own; this process sends to it."""
    broker = f"redis://{REDIS[0]}:{REDIS[1]}/7"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MEDIA_ROOT = tmp_path
    conf = celery_app.conf
    eerder = (conf.task_always_eager, conf.broker_url, conf.task_default_queue)
    conf.task_always_eager, conf.broker_url, conf.task_default_queue = (
        False,
        broker,
        queue,
    )
    _verse_verbindingen()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker,
        "DJANGO_MEDIA_ROOT": str(tmp_path),
    }
    proces = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker"]
        + ["--pool", "solo", "-Q", queue, "-l", "warning", "--without-heartbeat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield proces
    finally:
        proces.terminate()
        try:
            proces.wait(20)
        except subprocess.TimeoutExpired:
            proces.kill()
        with celery_app.connection_for_write() as verbinding:
            verbinding.default_channel.queue_delete(queue)
        conf.task_always_eager, conf.broker_url, conf.task_default_queue = eerder
        _verse_verbindingen()


def _wacht_tot_afgelopen(taak: Taak, proces, seconden: float = 120) -> Taak:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        taak.refresh_from_db()
        if taak.is_afgelopen:
            return taak
        if proces.poll() is not None:
            pytest.fail(f"worker stopped: {proces.stdout.read().decode()[-2000:]}")
        time.sleep(0.2)
    pytest.fail("the worker did not finish the job in time")


def test_upload_is_stored_by_the_web_and_processed_by_a_separate_worker(worker):
    gemeente, _ = sample_partijen()
    user = gemeente_user(gemeente)
    client = Client()
    client.force_login(user)

    response = client.post(
        reverse("berichten:bericht-upload"),
        {"bestanden": [SimpleUploadedFile("retour.xml", sample("WMO302"))]},
    )

    taak = Taak.objects.get(gebruiker=user)
    assert response.status_code == 302 and response.url == taak.get_absolute_url()
    # The request did not wait for the processing: the worker does it afterwards.
    assert client.get(reverse("taken:taak-status", args=[taak.pk])).status_code == 200
    taak = _wacht_tot_afgelopen(taak, worker)
    assert taak.status == Taak.Status.KLAAR, taak.melding
    assert (taak.gedaan, taak.totaal) == (1, 1)
    bericht = Bericht.objects.get(aangemaakt_door=user)
    assert bericht.status != BerichtStatus.ONTVANGEN
    assert taak.resultaat["regels"][0]["bericht"] == bericht.pk
