from celery import shared_task

from core import taken


@shared_task(acks_late=True)
def voer_taak_uit(taak_id: int) -> str:
    return taken.taak_uitvoeren(taak_id=taak_id).status


@shared_task(name="core.herstel_wachtrij")
def herstel_wachtrij() -> dict:
    """The sweep (celery beat, every minute): see core/wachtrij.py."""
    from core import wachtrij

    return wachtrij.wachtrij_herstellen()
