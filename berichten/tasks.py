from django.conf import settings

from celery import shared_task

from berichten import verwerking
from berichten.constants import BerichtStatus


@shared_task(bind=True, acks_late=True)
def verwerk_bericht(self, bericht_id: int) -> str:
    """Process a message; if it still waits (another worker was on it, perhaps one
    that just died and whose database session is not gone yet, or the database
    connection broke) try again shortly, a few times; the sweep is the backstop."""
    bericht = verwerking.bericht_verwerken(bericht_id=bericht_id)
    if (
        bericht.status == BerichtStatus.ONTVANGEN
        and not self.request.is_eager
        and self.request.retries < settings.WACHTRIJ_POGINGEN
    ):
        raise self.retry(countdown=settings.WACHTRIJ_OPNIEUW_SECONDEN)
    return bericht.status
