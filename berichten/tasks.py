from celery import shared_task

from berichten import services


@shared_task(acks_late=True)
def verwerk_bericht(bericht_id: int) -> str:
    return services.bericht_verwerken(bericht_id=bericht_id).status
