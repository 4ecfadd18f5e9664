"""The Celery tasks of background jobs and of the sweep. Their names are fixed
(`name=`): queued tasks and the beat schedule (settings) refer to them by name."""

from celery import shared_task

from core import wachtrij
from core.taken.uitvoeren import taak_uitvoeren


@shared_task(name="core.tasks.voer_taak_uit", acks_late=True)
def voer_taak_uit(taak_id: int) -> str:
    return taak_uitvoeren(taak_id=taak_id).status


@shared_task(name="core.herstel_wachtrij")
def herstel_wachtrij() -> dict:
    """The sweep (celery beat, every minute): see core/wachtrij.py."""
    return wachtrij.wachtrij_herstellen()
