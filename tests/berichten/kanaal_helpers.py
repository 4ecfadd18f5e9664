"""Feeding the inbound pipeline as the party that really sends a message."""

from berichten import services
from berichten.constants import VAN_GEMEENTE
from berichten.kanaal import Partij
from berichten.models import Bericht
from stamgegevens.models import Aanbieder, Gemeente


def afzender(inhoud: bytes) -> Partij:
    """The party the header names as the real sender (for a retour: the
    heenbericht's recipient); any party when the header cannot be read."""
    bericht = Bericht(inhoud=inhoud)
    services._herken(bericht)
    if bericht.bericht_type is None:
        return Partij(aanbieder=Aanbieder.objects.first())
    if bericht.bericht_type in VAN_GEMEENTE:
        return Partij(gemeente=Gemeente.objects.get(code=bericht.afzender))
    return Partij(aanbieder=Aanbieder.objects.get(agb_code=bericht.afzender))


def ontvang_van_afzender(inhoud: bytes, **kwargs) -> Bericht:
    """`bericht_ontvangen` as the message's own sender (the legitimate case)."""
    kwargs.setdefault("kanaal", "upload")
    return services.bericht_ontvangen(inhoud=inhoud, namens=afzender(inhoud), **kwargs)
