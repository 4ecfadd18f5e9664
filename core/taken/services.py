"""Background jobs (`Taak`): heavy work runs in Celery, the browser shows its progress.

    taak = taak_starten(user=user, soort="Berichten verwerken",
                        functie="berichten.taken.berichten_verwerken", bericht_ids=[1, 2])
    return redirect(taak.get_absolute_url())

The heavy function is called in the worker as `functie(taak, **kwargs)` (kwargs must
be JSON); it reports with `voortgang(taak, gedaan, totaal)`, may store a file with
`bestand_opslaan`, and returns the `resultaat` (a dict, JSON). An exception ends the
job in `fout` with a Dutch message; nothing else is rolled back by the runner, so the
heavy function decides its own transactions (progress must be visible while it runs).

Without a broker (CELERY_TASK_ALWAYS_EAGER) the job runs at once, in the request, and
is finished before the redirect; with a broker it is enqueued after the commit.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from core import wachtrij
from core.exceptions import ApplicationError
from core.models import Taak

logger = logging.getLogger(__name__)


def _pad(functie: str | Callable) -> str:
    return (
        functie
        if isinstance(functie, str)
        else f"{functie.__module__}.{functie.__qualname__}"
    )


def taak_starten(*, user, soort: str, functie: str | Callable, **kwargs) -> Taak:
    """Record a job for `user` and hand it to Celery (on commit; at once when eager)."""
    from core.tasks import voer_taak_uit  # tasks imports this module

    taak = Taak.objects.create(
        gebruiker=user, soort=soort, functie=_pad(functie), parameters=kwargs
    )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        voer_taak_uit.delay(taak.pk)
        taak.refresh_from_db()
    else:  # a broker fault leaves the job waiting for the sweep, with its reason
        transaction.on_commit(lambda: wachtrij.taak_in_wachtrij_zetten(taak))
    return taak


def taak_opnieuw_starten(*, taak: Taak, user) -> Taak:
    """Start a failed or interrupted job again, as a new job with the same work."""
    if taak.status != Taak.Status.FOUT:
        raise ApplicationError("Alleen een mislukte taak kan opnieuw worden gestart.")
    return taak_starten(
        user=user, soort=taak.soort, functie=taak.functie, **taak.parameters
    )


def voortgang(taak: Taak, gedaan: int, totaal: int, melding: str = "") -> None:
    """Report progress: `gedaan` of `totaal` steps (saved at once, visible to the page)."""
    taak.gedaan, taak.totaal = gedaan, totaal
    taak.voortgang = min(100, gedaan * 100 // totaal) if totaal else 0
    velden = {
        "gedaan": gedaan,
        "totaal": totaal,
        "voortgang": taak.voortgang,
        "hartslag_op": timezone.now(),  # progress is a sign of life too
    }
    if melding:
        taak.melding = velden["melding"] = melding
    Taak.objects.filter(pk=taak.pk).update(**velden)


def bestand_opslaan(taak: Taak, naam: str, inhoud: bytes) -> None:
    """Store the job's result file under MEDIA_ROOT/taken/ (shared with the web)."""
    taak.bestand.save(naam, ContentFile(inhoud), save=False)
    Taak.objects.filter(pk=taak.pk).update(bestand=taak.bestand.name)


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
        with wachtrij.Hartslag(taak.pk):
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


# --- selectors -------------------------------------------------------------------


def taak_list(*, user) -> QuerySet[Taak]:
    """The user's own jobs, newest first (no one sees another user's jobs)."""
    if not getattr(user, "is_authenticated", False):
        return Taak.objects.none()
    return Taak.objects.filter(gebruiker=user)
