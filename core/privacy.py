"""BSN handling: masked everywhere except where a person needs the full number,
and every full view logged."""

from core.models import BsnInzage


def mask_bsn(bsn: str | None) -> str:
    """'123456782' -> '*****6782'; lists never show more."""
    if not bsn:
        return ""
    return "*" * (len(bsn) - 4) + bsn[-4:]


def bsn_inzage_loggen(*, user, bsn: str, waar: str) -> None:
    if bsn:
        BsnInzage.objects.create(gebruiker=user, bsn=bsn, waar=waar[:255])
