"""Scaling out: a real Celery worker process, a real broker (Redis) and PostgreSQL.

The web side (this test process) stores the upload and queues a job; a separate
`celery worker` process picks it up from Redis and finishes it in the same database.
The broker is a `redis-server` of the test's own on a free port (tests/echte_wachtrij.py),
so parallel runs never share a queue. Skipped on the embedded SQLite default.
"""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest

from berichten.constants import BerichtStatus
from berichten.models import Bericht
from core.models import Taak
from tests.berichten.factories import sample, sample_partijen
from tests.core.factories import gemeente_user
from tests.echte_wachtrij import (
    REDEN_OVERSLAAN,
    Redis,
    Worker,
    celery_naar,
    celery_terug,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(bool(REDEN_OVERSLAAN), reason=REDEN_OVERSLAAN),
]


@pytest.fixture
def worker(settings, tmp_path):
    """Its own redis-server and a `celery worker` process; this process sends to it."""
    settings.MEDIA_ROOT = tmp_path
    redis = Redis().start()
    eerder = celery_naar(redis.url(), settings)
    proces = Worker(
        redis.url(), tmp_path / "worker.log", DJANGO_MEDIA_ROOT=tmp_path
    ).start()
    try:
        yield proces
    finally:
        proces.stop()
        redis.stop()
        celery_terug(eerder)


def _wacht_tot_afgelopen(taak: Taak, proces, seconden: float = 120) -> Taak:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        taak.refresh_from_db()
        if taak.is_afgelopen:
            return taak
        if proces.poll() is not None:
            pytest.fail(f"worker stopped: {proces.log()[-2000:]}")
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
