"""Celery finds its tasks by name: a queued task or a beat entry made before a
module moved must still find its task after it (issue 15)."""

from django.conf import settings

from config.celery import app

NAMEN = {
    "berichten.tasks.verwerk_bericht",
    "core.herstel_wachtrij",
    "core.tasks.voer_taak_uit",
    "core.werkvoorraad_verversen",
    "stamgegevens.wijzigingen_doorvoeren",
    "toewijzingen.signalen_berekenen",
}


def test_every_task_keeps_its_name():
    app.loader.import_default_modules()
    assert set(app.tasks) >= NAMEN


def test_every_beat_entry_names_a_task():
    app.loader.import_default_modules()
    assert {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)
