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


@shared_task(name="core.werkvoorraad_verversen", acks_late=True)
def werkvoorraad_verversen() -> int:
    """The start page's kept counts, recomputed (celery beat, every 30 s)."""
    from core import start

    return start.werkvoorraad_verversen()
