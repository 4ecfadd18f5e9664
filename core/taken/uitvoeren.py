"""Running one job in the worker: bezig -> klaar or fout, with a heartbeat."""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from core import wachtrij
from core.exceptions import ApplicationError
from core.models import Taak

logger = logging.getLogger(__name__)


class Hartslag:
    """While a job runs in a worker, a thread writes `hartslag_op` every
    TAAK_HARTSLAG_SECONDEN; it stops with the job, or with the worker that dies."""

    def __init__(self, taak_id: int):
        self.taak_id = taak_id
        self.stop = threading.Event()
        self.draad = threading.Thread(target=self._klop, daemon=True)

    def __enter__(self):
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.draad.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        if self.draad.is_alive():
            self.draad.join(5)

    def _klop(self) -> None:
        try:
            while not self.stop.wait(settings.TAAK_HARTSLAG_SECONDEN):
                try:
                    Taak.objects.filter(
                        pk=self.taak_id, status=Taak.Status.BEZIG
                    ).update(hartslag_op=timezone.now())
                except DatabaseError:
                    logger.warning("Hartslag van taak %s niet geschreven", self.taak_id)
                    connection.close()
        finally:
            connection.close()


def _beginnen(taak_id: int) -> Taak | None:
    """Mark the job bezig and count the attempt; None when it is finished already
    (delivered twice), runs elsewhere (a recent heartbeat), or has broken off
    WACHTRIJ_POGINGEN times (then it ends in fout: it cannot loop)."""
    nu = timezone.now()
    levend = nu - timedelta(seconds=2 * settings.TAAK_HARTSLAG_SECONDEN)
    with transaction.atomic():
        taak = Taak.objects.select_for_update().get(pk=taak_id)
        if taak.is_afgelopen:
            return None
        if taak.status == Taak.Status.BEZIG and (taak.hartslag_op or nu) > levend:
            return None
        if taak.pogingen >= settings.WACHTRIJ_POGINGEN:
            Taak.objects.filter(pk=taak_id).update(
                status=Taak.Status.FOUT,
                klaar_op=nu,
                melding=(
                    f"De taak is {taak.pogingen} keer begonnen en steeds "
                    "onderbroken. Kies 'Opnieuw starten'."
                ),
            )
            return None
        taak.status, taak.gestart_op, taak.hartslag_op = Taak.Status.BEZIG, nu, nu
        taak.pogingen += 1
        taak.save(update_fields=["status", "gestart_op", "hartslag_op", "pogingen"])
    return taak


def taak_uitvoeren(*, taak_id: int) -> Taak:
    """Run one job (in the worker): bezig → klaar with its result, or fout.

    While it runs it writes a heartbeat; a failure, even one that cut the database
    connection, is written on a fresh connection, so the job never stays bezig."""
    taak = _beginnen(taak_id)
    if taak is None:
        return Taak.objects.get(pk=taak_id)
    try:
        with Hartslag(taak.pk):
            functie = import_string(taak.functie)
            resultaat = functie(taak, **taak.parameters)
    except Exception as exc:  # any failure ends the job with its reason
        logger.exception("Taak %s (%s) mislukt", taak.pk, taak.functie)
        if wachtrij.is_databaseverbinding_weg(exc):
            reden = "de databaseverbinding viel weg. Kies 'Opnieuw starten'."
        else:
            reden = exc.message if isinstance(exc, ApplicationError) else str(exc)
        taak.status = Taak.Status.FOUT
        taak.melding = f"De taak is mislukt: {reden or type(exc).__name__}"
    else:
        taak.status = Taak.Status.KLAAR
        taak.resultaat = resultaat or {}
        taak.voortgang = 100
        taak.gedaan = max(taak.gedaan, taak.totaal)
    taak.klaar_op = timezone.now()
    wachtrij.vastleggen(
        lambda: Taak.objects.filter(pk=taak.pk).update(
            status=taak.status,
            melding=taak.melding,
            resultaat=taak.resultaat,
            voortgang=taak.voortgang,
            gedaan=taak.gedaan,
            klaar_op=taak.klaar_op,
            wachtreden="",
        ),
        f"taak {taak.pk}",
    )
    return taak
