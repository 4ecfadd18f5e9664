import logging

from celery import shared_task

from toewijzingen.signalen import signalen_vastleggen

logger = logging.getLogger(__name__)


@shared_task(name="toewijzingen.signalen_berekenen")
def signalen_berekenen() -> dict[str, int]:
    """Periodic (celery beat): recompute and store the deadline signals of every
    party; handled ones stay handled."""
    aantallen = signalen_vastleggen()
    logger.info("Signalen: %s", aantallen)
    return aantallen
