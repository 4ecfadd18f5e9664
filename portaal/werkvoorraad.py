"""The start page's work counts, kept per party (`core.Werkvoorraad`) and refreshed by
celery beat (`portaal.tasks`) or `manage.py werkvoorraad`."""

import json
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from berichten.models import Bericht
from berichten.selectors import wacht_te_lang_q
from core.models import Werkvoorraad
from toewijzingen import selectors as toewijzingen
from toewijzingen.constants import ToewijzingStatus


def _werkvoorraad_berekenen(user) -> dict:
    """The counts of the start page (the costly part on a large gemeente)."""
    return {
        "aantal_signalen": toewijzingen.signaal_list(user=user).count(),
        "aantal_open_toewijzingsverzoeken": toewijzingen.verzoek_list(
            user=user, filters={"open": True}
        ).count(),
        "aantal_nieuwe_toewijzingen": toewijzingen.toewijzing_list(
            user=user, filters={"status": ToewijzingStatus.NIEUW}
        ).count(),
        "aantal_berichten_vast": Bericht.objects.visible_to(user)
        .filter(wacht_te_lang_q())
        .count(),
    }


def _sleutel(user) -> str:
    return Werkvoorraad.sleutel_van(user.rol, user.gemeente_id, user.aanbieder_id)


def werkvoorraad_bewaren(user) -> Werkvoorraad:
    """Compute the party's counts and signals as `user` sees them, and keep them."""
    rij, _ = Werkvoorraad.objects.update_or_create(
        sleutel=_sleutel(user),
        defaults={
            "gebruiker": user,
            "gegevens": json.loads(
                json.dumps(_werkvoorraad_berekenen(user), cls=DjangoJSONEncoder)
            ),
            "berekend_op": timezone.now(),
        },
    )
    return rij


def werkvoorraad_verversen() -> int:
    """Recompute every kept row (celery beat; `manage.py werkvoorraad`): the
    parties whose start page was opened at least once. The number of rows."""
    aantal = 0
    for rij in Werkvoorraad.objects.select_related("gebruiker"):
        gebruiker = rij.gebruiker
        if (
            gebruiker is None
            or not gebruiker.is_active
            or _sleutel(gebruiker) != rij.sleutel
        ):
            rij.delete()  # its user is gone or moved: the next visit starts afresh
            continue
        werkvoorraad_bewaren(gebruiker)
        aantal += 1
    return aantal


def _als_context(rij: Werkvoorraad) -> dict:
    return rij.gegevens | {"werkvoorraad_van": timezone.localtime(rij.berekend_op)}


def werkvoorraad(user) -> dict:
    """The counts and first signals of the user's party: one indexed read of the
    kept row. Every user lands here, and counting a large gemeente's toewijzingen
    costs seconds; the row is recomputed by `werkvoorraad_verversen` (celery beat)
    and here only when it is missing or older than START_CACHE_SECONDEN."""
    rij = Werkvoorraad.objects.filter(sleutel=_sleutel(user)).first()
    grens = timezone.now() - timedelta(seconds=settings.START_CACHE_SECONDEN)
    if rij is None or rij.berekend_op <= grens:
        rij = werkvoorraad_bewaren(user)
    # The first signals are stored rows (toewijzingen.Signaal): read them fresh.
    return _als_context(rij) | {
        "signalen": list(toewijzingen.signaal_list(user=user)[:10])
    }
