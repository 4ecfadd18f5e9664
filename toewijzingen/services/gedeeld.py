"""What the toewijzingen services share: access checks and sending a message."""

from berichten.constants import VAN_GEMEENTE
from berichten.models import Bericht
from berichten.verkeer import bericht_versturen, header
from core.exceptions import ApplicationError
from stamgegevens.models import Aanbieder, Gemeente


def _eis_gemeente(user, gemeente_id: int) -> None:
    if not (user.is_gemeente and user.gemeente_id == gemeente_id):
        raise ApplicationError(
            "Alleen een contractmanager van deze gemeente kan dit doen.",
            code="geen_toegang",
        )


def _eis_aanbieder(user, aanbieder_id: int | None = None) -> None:
    if not user.is_aanbieder or (
        aanbieder_id is not None and user.aanbieder_id != aanbieder_id
    ):
        raise ApplicationError(
            "Alleen een medewerker van deze aanbieder kan dit doen.",
            code="geen_toegang",
        )


def _verstuurd(message, *, user) -> Bericht:
    """Send; refuse with the reasons when the (portal) recipient rejected it."""
    bericht = bericht_versturen(message=message, user=user)
    afgekeurd = [b for b in bericht.bevindingen if b.get("retourcode")]
    if afgekeurd:
        raise ApplicationError(
            "Het bericht is afgekeurd: "
            + "; ".join(f"{b['tekst']} ({b['regel']})" for b in afgekeurd),
            code="afgekeurd",
            extra={"bevindingen": afgekeurd},
        )
    return bericht


def _header(bericht_type: str, gemeente: Gemeente, aanbieder: Aanbieder):
    codes = (gemeente.code, aanbieder.agb_code)
    afzender, ontvanger = codes if bericht_type in VAN_GEMEENTE else codes[::-1]
    return header(bericht_type=bericht_type, afzender=afzender, ontvanger=ontvanger)
