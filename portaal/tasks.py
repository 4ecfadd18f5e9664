import logging

from celery import shared_task

from portaal import werkvoorraad
from portaal.signalen import signalen_vastleggen

logger = logging.getLogger(__name__)


@shared_task(name="toewijzingen.signalen_berekenen")
def signalen_berekenen() -> dict[str, int]:
    """Periodic (celery beat): recompute and store the deadline signals of every
    party; handled ones stay handled."""
    aantallen = signalen_vastleggen()
    logger.info("Signalen: %s", aantallen)
    return aantallen


@shared_task(name="core.werkvoorraad_verversen", acks_late=True)
def werkvoorraad_verversen() -> int:
    """The start page's kept counts, recomputed (celery beat, every 30 s). The task
    keeps its old name so queued tasks and the beat schedule still find it."""
    return werkvoorraad.werkvoorraad_verversen()
