"""Nothing stranded: handing work to the broker, and the sweep that finds what waits.

Inbound messages and background jobs are stored before they are queued, so a
broker that cannot be reached never fails the request that stored them:
`in_wachtrij_zetten` logs the broker error, writes why the work waits
(`wachtreden`, shown on its page) and leaves it to the sweep. The sweep
(`herstel_wachtrij`: Celery beat every minute, or the management command for cron)
offers whatever waited longer than WACHTRIJ_WACHTTIJD_SECONDEN to the broker again,
at most WACHTRIJ_POGINGEN times, and then ends it in `fout` with a reason a person
can act on. Offering twice is safe: a processed message or finished job is skipped.
"""

import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import F, Q
from django.utils import timezone

from kombu.exceptions import OperationalError as BrokerFout

from core.models import Taak

logger = logging.getLogger(__name__)
SLOT_KLASSE = 1919  # the first key of the processing's PostgreSQL advisory locks


def tijd(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d-%m-%Y %H:%M}"


def wachttijd() -> timedelta:
    return timedelta(seconds=settings.WACHTRIJ_WACHTTIJD_SECONDEN)


def minuten(td: timedelta) -> str:
    aantal = max(1, round(td.total_seconds() / 60))
    return f"{aantal} minuut" if aantal == 1 else f"{aantal} minuten"


def in_wachtrij_zetten(model, task, pk: int, *, reden: str = "") -> bool:
    """Hand `task(pk)` to the broker; never raises for a broker fault.

    On success the row records when and how often it was offered (and `reden`,
    when given, as why it waits); on failure the broker error is logged and the
    row says that processing waits for the sweep. Eager (no broker): runs at once.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        task.delay(pk)
        return True
    nu = timezone.now()
    try:
        task.delay(pk)
    except (BrokerFout, OSError) as exc:
        logger.error(
            "Wachtrij niet bereikbaar: %s %s wacht op de controle van de wachtrij (%s)",
            task.name,
            pk,
            exc,
        )
        model.objects.filter(pk=pk).update(
            wachtreden=(
                f"De wachtrij was niet bereikbaar ({tijd(nu)}); de verwerking wacht "
                "en wordt vanzelf opnieuw aangeboden zodra de wachtrij werkt."
            )[:255]
        )
        return False
    velden = {"in_wachtrij_op": nu, "aangeboden": F("aangeboden") + 1}
    if reden:
        velden["wachtreden"] = reden[:255]
    model.objects.filter(pk=pk).update(**velden)
    return True


@contextmanager
def verwerkingsslot(pk: int):
    """Yields whether this process may work on message `pk` now: a PostgreSQL
    session lock held from the attempt's count to its end, so a second delivery
    (redelivered, swept, run twice) leaves a message another worker is on. A
    worker that dies loses it with its session. Other databases: always True."""
    if connection.vendor != "postgresql":
        yield True
        return
    sleutel = [SLOT_KLASSE, pk % 2**31]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", sleutel)
        (gekregen,) = cursor.fetchone()
    try:
        yield gekregen
    finally:
        if gekregen:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", sleutel)
            except DatabaseError:  # the session is gone, and its lock with it
                connection.close()


def verse_verbinding() -> None:
    """Drop a connection a failure broke (a cut connection, a killed backend), so
    the next query opens a fresh one. Inside a transaction nothing is dropped."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


def vastleggen(schrijf: Callable[[], object], wat: str) -> bool:
    """Write the outcome of a message or job (a failure above all) on a usable
    connection: one the failure broke is replaced first, and once more if the
    write itself finds it dead."""
    for _ in range(2):
        verse_verbinding()
        try:
            schrijf()
        except DatabaseError:
            logger.exception("De uitkomst van %s kon niet worden vastgelegd", wat)
            if connection.in_atomic_block:
                raise
            connection.close()
        else:
            return True
    return False


def is_databaseverbinding_weg(exc: BaseException) -> bool:
    """Whether `exc` is a lost database connection (not a fault in the data)."""
    return isinstance(exc, InterfaceError | OperationalError)


# --- jobs --------------------------------------------------------------------------


def taak_in_wachtrij_zetten(taak: Taak, *, reden: str = "") -> bool:
    from core.tasks import voer_taak_uit  # tasks imports core.taken, which imports us

    return in_wachtrij_zetten(Taak, voer_taak_uit, taak.pk, reden=reden)


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


def _herstel_taken(nu: datetime) -> dict:
    grens = nu - wachttijd()
    maximum = settings.WACHTRIJ_POGINGEN
    # A running job whose heartbeat stopped: its worker died or lost the database.
    stil = Taak.objects.filter(status=Taak.Status.BEZIG).filter(
        Q(hartslag_op__lt=grens) | Q(hartslag_op__isnull=True, gestart_op__lt=grens)
    )
    onderbroken = 0
    for taak in stil.only("pk", "hartslag_op", "gestart_op"):
        laatste = taak.hartslag_op or taak.gestart_op
        assert laatste is not None  # the filter above: one of them is set
        onderbroken += stil.filter(pk=taak.pk).update(
            status=Taak.Status.FOUT,
            klaar_op=nu,
            melding=(
                f"De taak is onderbroken: sinds {tijd(laatste)} kwam er geen teken "
                "van leven meer van de verwerker (die stopte of verloor de "
                "verbinding). Kies 'Opnieuw starten'."
            ),
        )
    wachtend = Taak.objects.filter(
        status=Taak.Status.WACHTEND,
        aangemaakt_op__lt=grens,
    ).filter(Q(in_wachtrij_op__isnull=True) | Q(in_wachtrij_op__lt=grens))
    opgegeven = 0
    for taak in wachtend.filter(aangeboden__gt=maximum).only("pk", "aangemaakt_op"):
        opgegeven += wachtend.filter(pk=taak.pk).update(
            status=Taak.Status.FOUT,
            klaar_op=nu,
            melding=(
                f"De taak wacht sinds {tijd(taak.aangemaakt_op)} en is "
                f"{maximum + 1} keer aan de wachtrij aangeboden zonder dat een "
                "verwerker haar oppakte. Kies 'Opnieuw starten'; blijft het zo, "
                "meld het dan aan de beheerder (draaien de verwerkers?)."
            ),
        )
    opnieuw = 0
    for taak in wachtend.filter(aangeboden__lte=maximum):
        reden = (
            f"Wachtte langer dan {minuten(wachttijd())}; opnieuw aangeboden op "
            f"{tijd(nu)} (keer {taak.aangeboden + 1} van {maximum + 1})."
        )
        if not taak_in_wachtrij_zetten(taak, reden=reden):
            break  # the broker is down: the next sweep tries again
        opnieuw += 1
    return {
        "taken_opnieuw": opnieuw,
        "taken_onderbroken": onderbroken,
        "taken_opgegeven": opgegeven,
    }


def wachtrij_herstellen(*, nu: datetime | None = None) -> dict:
    """The sweep: offer waiting messages and jobs again, end hopeless ones in fout."""
    from berichten.wachtrij import herstel_berichten  # berichten builds on core

    nu = nu or timezone.now()
    uitkomst = herstel_berichten(nu)
    uitkomst.update(_herstel_taken(nu))
    if any(uitkomst.values()):
        logger.warning("Controle van de wachtrij: %s", uitkomst)
    return uitkomst


def wacht_te_lang(obj, nu: datetime | None = None) -> bool:
    """Whether a message or job waits longer than WACHTRIJ_WACHTTIJD_SECONDEN."""
    return obj.wacht_sinds < (nu or timezone.now()) - wachttijd()
