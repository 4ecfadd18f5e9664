from celery import shared_task

from meldingen.versturen import meldingen_versturen


@shared_task(name="meldingen.direct_versturen", acks_late=True)
def direct_versturen() -> dict:
    """New items and e-mails sent at once (celery beat, every few minutes)."""
    return vars(meldingen_versturen(dagoverzicht=False))


@shared_task(name="meldingen.dagoverzicht_versturen", acks_late=True)
def dagoverzicht_versturen() -> dict:
    """Everything, including the daily digests (celery beat, each morning)."""
    return vars(meldingen_versturen(dagoverzicht=True))
