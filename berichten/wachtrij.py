"""The messages' part of the sweep (core/wachtrij.py): inbound messages that still
wait in `ontvangen` are offered to the broker again, or end in `fout` with a reason."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from berichten.constants import BerichtStatus
from berichten.models import Bericht
from berichten.tasks import verwerk_bericht
from berichten.verwerking import reden_afgebroken
from core.wachtrij import in_wachtrij_zetten, minuten, tijd, wachttijd

BATCH = 500


def _reden_niet_opgepakt(bericht: Bericht, keren: int) -> str:
    return (
        f"Het bericht wacht sinds {tijd(bericht.aangemaakt_op)} en is {keren} keer "
        "aan de wachtrij aangeboden zonder dat een verwerker het oppakte. Kies "
        "'Opnieuw verwerken'; blijft het zo, meld het dan aan de beheerder "
        "(draaien de verwerkers?)."
    )


def herstel_berichten(nu: datetime) -> dict:
    """Offer again what waits too long; a message being processed right now is
    locked by its worker and skipped."""
    grens = nu - wachttijd()
    maximum = settings.WACHTRIJ_POGINGEN
    opnieuw, opgegeven = [], 0
    with transaction.atomic():
        wachtend = (
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(status=BerichtStatus.ONTVANGEN, aangemaakt_op__lt=grens)
            .filter(Q(in_wachtrij_op__isnull=True) | Q(in_wachtrij_op__lt=grens))
            .only("pk", "pogingen", "aangeboden", "aangemaakt_op")
            .order_by("pk")[:BATCH]
        )
        for bericht in wachtend:
            if bericht.pogingen >= maximum:
                reden = reden_afgebroken(bericht.pogingen)
            elif bericht.aangeboden > maximum:
                reden = _reden_niet_opgepakt(bericht, bericht.aangeboden)
            else:
                opnieuw.append(bericht)
                continue
            opgegeven += Bericht.objects.filter(
                pk=bericht.pk, status=BerichtStatus.ONTVANGEN
            ).update(status=BerichtStatus.FOUT, foutmelding=reden, wachtreden="")
    aangeboden = 0
    for bericht in opnieuw:
        reden = (
            f"Wachtte langer dan {minuten(wachttijd())}; opnieuw aangeboden op "
            f"{tijd(nu)} (keer {bericht.aangeboden + 1} van {maximum + 1})."
        )
        if not in_wachtrij_zetten(Bericht, verwerk_bericht, bericht.pk, reden=reden):
            break  # the broker is down: the next sweep tries again
        aangeboden += 1
    return {"berichten_opnieuw": aangeboden, "berichten_opgegeven": opgegeven}
