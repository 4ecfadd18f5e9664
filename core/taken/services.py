"""Starting a background job, and what the heavy function calls while it runs."""

from collections.abc import Callable
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import Taak
from core.taken.tasks import voer_taak_uit
from core.taken.wachtrij import taak_in_wachtrij_zetten


def _pad(functie: str | Callable) -> str:
    return (
        functie
        if isinstance(functie, str)
        else f"{functie.__module__}.{functie.__qualname__}"
    )


def taak_starten(*, user, soort: str, functie: str | Callable, **kwargs) -> Taak:
    """Record a job for `user` and hand it to Celery (on commit; at once when eager)."""
    taak = Taak.objects.create(
        gebruiker=user, soort=soort, functie=_pad(functie), parameters=kwargs
    )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        voer_taak_uit.delay(taak.pk)
        taak.refresh_from_db()
    else:  # a broker fault leaves the job waiting for the sweep, with its reason
        transaction.on_commit(lambda: taak_in_wachtrij_zetten(taak))
    return taak


def taak_opnieuw_starten(*, taak: Taak, user) -> Taak:
    """Start a failed or interrupted job again, as a new job with the same work."""
    if taak.status != Taak.Status.FOUT:
        raise ApplicationError("Alleen een mislukte taak kan opnieuw worden gestart.")
    return taak_starten(
        user=user, soort=taak.soort, functie=taak.functie, **taak.parameters
    )


def met_voortgang(taak: Taak, rijen, totaal: int, *, stap: int = 500):
    """Yield `rijen`, reporting progress every `stap` rows and at the end."""
    voortgang(taak, 0, totaal)
    gedaan = 0
    for gedaan, rij in enumerate(rijen, start=1):
        yield rij
        if gedaan % stap == 0:
            voortgang(taak, gedaan, totaal)
    voortgang(taak, gedaan, totaal)


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


def bestand_opslaan(taak: Taak, naam: str, inhoud: bytes | IO[bytes]) -> None:
    """Store the job's result file under MEDIA_ROOT/taken/ (shared with the web):
    `inhoud` as bytes, or an open binary file (a large export written to disk)."""
    bestand = ContentFile(inhoud) if isinstance(inhoud, bytes) else File(inhoud)
    taak.bestand.save(naam, bestand, save=False)
    Taak.objects.filter(pk=taak.pk).update(bestand=taak.bestand.name)
