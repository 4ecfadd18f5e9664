import logging

from celery import shared_task

from toewijzingen.signalen import signalen_berekenen as bereken

logger = logging.getLogger(__name__)


@shared_task(name="toewijzingen.signalen_berekenen")
def signalen_berekenen() -> dict[str, int]:
    """Periodic (celery beat): the number of deadline signals per party."""
    aantallen = {partij: len(s) for partij, s in bereken().items() if s}
    logger.info("Signalen per partij: %s", aantallen)
    return aantallen
