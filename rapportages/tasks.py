from celery import shared_task


@shared_task(name="rapportages.samenvatting_bijwerken", acks_late=True)
def samenvatting_bijwerken() -> int:
    """The dashboards' summary of every stale pair (celery beat, every minute)."""
    from rapportages import samenvatting

    return samenvatting.bijwerken()


@shared_task(name="rapportages.samenvatting_opbouwen", acks_late=True)
def samenvatting_opbouwen() -> int:
    """Every pair rebuilt (celery beat, on 1 January: the summary holds up to the
    end of next year)."""
    from rapportages import samenvatting

    return samenvatting.alles_opbouwen()
