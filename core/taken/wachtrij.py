"""The jobs' part of the queue (core/wachtrij.py): handing a job to the broker,
and the sweep's look at jobs that wait or whose worker stopped."""

from datetime import datetime

from django.conf import settings
from django.db.models import Q

from core.models import Taak
from core.taken.tasks import voer_taak_uit
from core.wachtrij import in_wachtrij_zetten, minuten, tijd, wachttijd


def taak_in_wachtrij_zetten(taak: Taak, *, reden: str = "") -> bool:
    return in_wachtrij_zetten(Taak, voer_taak_uit, taak.pk, reden=reden)


def herstel_taken(nu: datetime) -> dict:
    grens = nu - wachttijd()
    maximum = settings.WACHTRIJ_POGINGEN
    # A running job whose heartbeat stopped: its worker died or lost the database.
    stil = Taak.objects.filter(status=Taak.Status.BEZIG).filter(
        Q(hartslag_op__lt=grens) | Q(hartslag_op__isnull=True, gestart_op__lt=grens)
    )
    onderbroken = 0
    for taak in stil.only("pk", "hartslag_op", "gestart_op"):
        laatste = taak.hartslag_op or taak.gestart_op
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
