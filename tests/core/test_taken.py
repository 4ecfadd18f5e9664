"""Background jobs (core.taken): run, progress, failure, isolation, and their users."""

import json
import shutil
from io import StringIO
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

import pytest

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from core import taken
from core.models import Taak
from tests.berichten.factories import SAMPLES, sample, sample_partijen
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.scherm_helpers import declaratie_versturen
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Heavy functions for the tests, called by dotted path as `functie(taak, **kwargs)`.


def optellen(taak, *, getallen: list[int]) -> dict:
    som = 0
    for gedaan, getal in enumerate(getallen, start=1):
        som += getal
        taken.voortgang(taak, gedaan, len(getallen))
    taken.bestand_opslaan(taak, "som.txt", str(som).encode())
    return {"som": som, "bestandsnaam": "som.txt", "content_type": "text/plain"}


def mislukken(taak) -> dict:
    taken.voortgang(taak, 1, 4)
    raise ValueError("deling door nul")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _download(client, taak) -> bytes:
    response = client.get(reverse("taken:taak-download", args=[taak.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_job_runs_to_klaar_with_full_progress_and_its_result():
    user = aanbieder_user()
    taak = taken.taak_starten(
        user=user, soort="Optellen", functie=optellen, getallen=[1, 2, 3, 4]
    )
    taak.refresh_from_db()
    assert taak.functie == "tests.core.test_taken.optellen"
    assert taak.status == Taak.Status.KLAAR
    assert (taak.voortgang, taak.gedaan, taak.totaal) == (100, 4, 4)
    assert taak.resultaat["som"] == 10 and taak.gestart_op and taak.klaar_op
    assert taak.bestand.name.startswith("taken/")

    client = _client(user)
    status = client.get(reverse("taken:taak-status", args=[taak.pk])).json()
    assert status["status"] == "klaar" and status["voortgang"] == 100
    assert status["afgelopen"] and status["download"].endswith("/download/")
    assert _download(client, taak) == b"10"
    pagina = client.get(taak.get_absolute_url()).content.decode()
    assert "<progress" in pagina and "Downloaden (som.txt)" in pagina
    assert 'http-equiv="refresh"' not in pagina  # finished: no more polling


def test_a_failing_job_ends_in_fout_with_a_dutch_message():
    taak = taken.taak_starten(user=gemeente_user(), soort="Mislukt", functie=mislukken)
    taak.refresh_from_db()
    assert taak.status == Taak.Status.FOUT
    assert taak.melding == "De taak is mislukt: deling door nul"
    assert taak.voortgang == 25 and not taak.bestand


def test_a_job_runs_only_once_when_delivered_twice():
    taak = taken.taak_starten(
        user=gemeente_user(), soort="Optellen", functie=optellen, getallen=[5]
    )
    with mock.patch("core.taken.uitvoeren.import_string") as laden:
        assert taken.taak_uitvoeren(taak_id=taak.pk).status == Taak.Status.KLAAR
    laden.assert_not_called()


def test_with_a_broker_the_job_waits_and_is_queued_after_the_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with (
        mock.patch("core.taken.tasks.voer_taak_uit.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        taak = taken.taak_starten(
            user=gemeente_user(), soort="Optellen", functie=optellen, getallen=[1]
        )
        delay.assert_not_called()  # not before the commit
        assert taak.status == Taak.Status.WACHTEND
    delay.assert_called_once_with(taak.pk)


def test_waiting_job_page_polls_with_a_static_script_and_a_noscript_refresh():
    user = gemeente_user()
    taak = Taak.objects.create(gebruiker=user, soort="Export", functie="x.y")
    taken.voortgang(taak, 3, 12)
    client = _client(user)
    pagina = client.get(taak.get_absolute_url()).content.decode()
    assert '<progress max="100" value="25"' in pagina and "3 van 12" in pagina
    assert "/static/js/taak.js" in pagina
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in pagina
    assert "<script>" not in pagina and "style=" not in pagina  # CSP: no inline
    status = client.get(f"/taken/{taak.pk}/status.json")
    assert status["Cache-Control"] == "no-store"
    assert json.loads(status.content)["afgelopen"] is False


def test_a_user_sees_only_their_own_jobs():
    gemeente = gemeente_user()
    collega = gemeente_user(gemeente.gemeente)  # same gemeente, other person
    taak = taken.taak_starten(
        user=gemeente, soort="Optellen", functie=optellen, getallen=[1]
    )
    eigen = _client(gemeente)
    assert "Optellen" in eigen.get(reverse("taken:taak-list")).content.decode()
    for client in (_client(collega), _client(aanbieder_user())):
        assert "Optellen" not in client.get("/taken/").content.decode()
        for pad in ("", "status.json", "download/"):
            assert client.get(f"/taken/{taak.pk}/{pad}").status_code == 404, pad
    assert Client().get(f"/taken/{taak.pk}/").status_code == 302  # to login


def test_the_menu_links_to_the_jobs_for_every_role():
    for user in (gemeente_user(), aanbieder_user()):
        assert 'href="/taken/"' in _client(user).get("/").content.decode()


def test_upload_redirects_to_one_job_that_processed_every_file():
    _, aanbieder = sample_partijen()
    user = aanbieder_user(aanbieder)
    client = _client(user)
    response = client.post(
        reverse("berichten:bericht-upload"),
        {
            "bestanden": [
                SimpleUploadedFile("retour.xml", sample("WMO302"), "text/xml"),
                SimpleUploadedFile("kapot.xml", b"<geen xml", "text/xml"),
            ]
        },
    )
    taak = Taak.objects.get(gebruiker=user)
    assert response.status_code == 302 and response.url == taak.get_absolute_url()
    assert taak.status == Taak.Status.KLAAR and (taak.gedaan, taak.totaal) == (2, 2)
    berichten = Bericht.objects.filter(kanaal=Kanaal.UPLOAD, aangemaakt_door=user)
    assert berichten.count() == 2
    assert not berichten.filter(status=BerichtStatus.ONTVANGEN).exists()
    regels = taak.resultaat["regels"]
    assert [r["url"] for r in regels] == [
        b.get_absolute_url() for b in berichten.order_by("pk")
    ]
    assert regels[1]["fout"] and taak.melding.endswith("waarvan 1 met een fout.")
    pagina = client.get(response.url).content.decode()
    assert "retour.xml: WMO302" in pagina and "kapot.xml" in pagina


def test_upload_stores_first_and_leaves_processing_to_the_worker(
    settings, django_capture_on_commit_callbacks
):
    """With a broker the request only stores; the job is queued for a worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _, aanbieder = sample_partijen()
    user = aanbieder_user(aanbieder)
    with (
        mock.patch("core.taken.tasks.voer_taak_uit.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = _client(user).post(
            reverse("berichten:bericht-upload"),
            {"bestanden": [SimpleUploadedFile("retour.xml", sample("WMO302"))]},
        )
    taak = Taak.objects.get(gebruiker=user)
    assert response.url == taak.get_absolute_url()
    delay.assert_called_once_with(taak.pk)
    bericht = Bericht.objects.get(aangemaakt_door=user)
    assert bericht.status == BerichtStatus.ONTVANGEN and bericht.bericht_type
    assert taak.status == Taak.Status.WACHTEND


def test_export_of_rejected_lines_is_a_job_with_a_download():
    tw = ToewijzingFactory(declarabel=True)
    user = aanbieder_user(tw.aanbieder)
    client = _client(user)
    client.user = user
    declaratie_versturen(client, volume=11)
    response = client.post("/declaraties/afgekeurd/export.csv?retourcode=9321")
    taak = Taak.objects.get(gebruiker=user)
    assert response.url == taak.get_absolute_url()
    assert taak.status == Taak.Status.KLAAR and taak.voortgang == 100
    assert taak.parameters == {"formaat": "csv", "query": "retourcode=9321"}
    assert taak.resultaat["bestandsnaam"].startswith("afgekeurde-regels-")
    tekst = _download(client, taak).decode("utf-8-sig")
    assert "9321" in tekst and tw.client.bsn not in tekst
    download = client.get(f"/taken/{taak.pk}/download/")
    assert download["Content-Type"].startswith("text/csv")
    assert taak.resultaat["bestandsnaam"] in download["Content-Disposition"]


def test_iwmo_import_shows_progress(tmp_path):
    sample_partijen()
    map_ = tmp_path / "inbox"
    shutil.copytree(SAMPLES, map_)
    aantal = len(list(map_.glob("*.xml")))
    out = StringIO()
    call_command("iwmo_import", str(map_), "--namens", "aanbieder:73730012", stdout=out)
    regels = out.getvalue().splitlines()
    assert regels[0].startswith(f"[1/{aantal}")
    assert regels[aantal - 1].startswith(f"[{aantal}/{aantal} 100%]")
    assert regels[-1].startswith(
        f"{aantal} bestand(en) gelezen namens aanbieder Thuiszorg De Linde (73730012)."
    )
