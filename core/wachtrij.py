"""Nothing stranded: handing work to the broker, and the sweep that finds what waits.

Inbound messages and background jobs are stored before they are queued, so a
broker that cannot be reached never fails the request that stored them:
`in_wachtrij_zetten` logs the broker error, writes why the work waits
(`wachtreden`, shown on its page) and leaves it to the sweep. The sweep
(`herstel_wachtrij`: Celery beat every minute, or the management command for cron)
offers whatever waited longer than WACHTRIJ_WACHTTIJD_SECONDEN to the broker again,
at most WACHTRIJ_POGINGEN times, and then ends it in `fout` with a reason a person
can act on. Offering twice is safe: a processed message or finished job is skipped.

What waits is the apps' own: each registers its part of the sweep
(`hersteller_registreren`, in its AppConfig.ready): the messages in
berichten/wachtrij.py, the jobs in core/taken/wachtrij.py.
"""

import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import F
from django.utils import timezone

from kombu.exceptions import OperationalError as BrokerFout

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


_HERSTELLERS: list[tuple[int, Callable[[datetime], dict]]] = []


def hersteller_registreren(
    herstel: Callable[[datetime], dict], *, rang: int = 0
) -> None:
    """An app adds its part of the sweep (in its AppConfig.ready): `herstel(nu)`
    offers what of that app waits too long again and returns its counts. Lower
    `rang` first: the jobs come last (rang 1), since a job may be the one that
    processes the messages (they are offered first and found processed by it)."""
    if all(bekend is not herstel for _, bekend in _HERSTELLERS):
        _HERSTELLERS.append((rang, herstel))
        _HERSTELLERS.sort(key=lambda paar: paar[0])


def wachtrij_herstellen(*, nu: datetime | None = None) -> dict:
    """The sweep: offer waiting messages and jobs again, end hopeless ones in fout."""
    nu = nu or timezone.now()
    uitkomst = {}
    for _, herstel in _HERSTELLERS:
        uitkomst.update(herstel(nu))
    if any(uitkomst.values()):
        logger.warning("Controle van de wachtrij: %s", uitkomst)
    return uitkomst


def wacht_te_lang(obj, nu: datetime | None = None) -> bool:
    """Whether a message or job waits longer than WACHTRIJ_WACHTTIJD_SECONDEN."""
    return obj.wacht_sinds < (nu or timezone.now()) - wachttijd()
