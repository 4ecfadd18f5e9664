import logging

from celery import shared_task

from stamgegevens.services import wijzigingsverzoeken_doorvoeren

logger = logging.getLogger(__name__)


@shared_task(name="stamgegevens.wijzigingen_doorvoeren")
def wijzigingen_doorvoeren() -> list[int]:
    """Periodic (celery beat, just after midnight): R-G1 changes whose
    ingangsdatum has come take effect."""
    doorgevoerd = wijzigingsverzoeken_doorvoeren()
    logger.info("Wijzigingsverzoeken doorgevoerd: %s", doorgevoerd)
    return doorgevoerd
