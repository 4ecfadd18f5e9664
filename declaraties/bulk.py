"""Correct several afgekeurde regels in one go, as one background job (aanbieder).

Each line goes through `services.prestatie_corrigeren` (the same as the line's own
page): a corrected debet line in a concept declaratie, sent with that declaratie.
With `volume=toegewezen` the line's volume becomes the toegewezen omvang of its
own period (TR321, `regels.max_volume_per_periode`); with `ongewijzigd` it is sent
again as it was (for a code that the gemeente's data caused). Another party's
line, or one that is not (or no longer) rejected, is refused for that line only.
"""

from django.urls import reverse

from core import bulkacties, taken
from core.exceptions import ApplicationError
from declaraties import regels, services
from declaraties.constants import PrestatieStatus
from declaraties.models import Prestatie

TOEGEWEZEN, ONGEWIJZIGD = "toegewezen", "ongewijzigd"
VOLUMES = {
    TOEGEWEZEN: "volume gelijk aan het toegewezen volume",
    ONGEWIJZIGD: "volume ongewijzigd",
}


def bulk_corrigeren_starten(*, user, prestatie_ids: list[int], volume: str):
    """Start the job that corrects every selected rejected line."""
    if not user.is_aanbieder:
        raise ApplicationError(
            "Alleen een aanbieder corrigeert afgekeurde regels.", code="geen_toegang"
        )
    if volume not in VOLUMES:
        raise ApplicationError("Kies hoe het volume wordt gecorrigeerd.")
    return taken.taak_starten(
        user=user,
        soort=f"{len(prestatie_ids)} afgekeurde regels corrigeren",
        functie=bulk_corrigeren,
        prestatie_ids=prestatie_ids,
        volume=volume,
    )


def toegewezen_volume(prestatie: Prestatie) -> int:
    """The toegewezen omvang in the line's own period (refused when there is none)."""
    toewijzing = prestatie.toewijzing
    if toewijzing is None:
        raise ApplicationError("De regel hoort niet bij een toewijzing.")
    eenheid = toewijzing.eenheid or toewijzing.product.eenheid
    if eenheid != prestatie.eenheid:
        raise ApplicationError("De eenheid van de regel is niet die van de toewijzing.")
    volume = regels.max_volume_per_periode(
        toewijzing, prestatie.begindatum, prestatie.einddatum
    )
    if volume is None:
        raise ApplicationError("De toewijzing heeft geen volume.")
    return volume


def bulk_corrigeren(taak, *, prestatie_ids: list[int], volume: str) -> dict:
    """The job: per line a correction in its own transaction."""
    user = taak.gebruiker

    def vind(pk: int) -> Prestatie | None:
        return (
            Prestatie.objects.visible_to(user)
            .select_related(
                "declaratie__gemeente",
                "toewijzing__product",
                "toewijzing__contract",
                "aanbieder",
            )
            .filter(pk=pk)
            .first()
        )

    def actie(prestatie: Prestatie) -> tuple[str, str]:
        if prestatie.status != PrestatieStatus.AFGEKEURD:
            raise ApplicationError("De regel is niet afgekeurd.")
        nieuw_volume = toegewezen_volume(prestatie) if volume == TOEGEWEZEN else None
        nieuw = services.prestatie_corrigeren(
            user=user, prestatie=prestatie, geleverd_volume=nieuw_volume
        )
        return (
            f"gecorrigeerd ({VOLUMES[volume]}) in conceptdeclaratie "
            f"{nieuw.declaratie.declaratie_nummer or nieuw.declaratie.pk}",
            reverse("declaraties:declaratie-detail", args=[nieuw.declaratie_id]),
        )

    return bulkacties.per_item(
        taak,
        ids=prestatie_ids,
        vind=vind,
        actie=actie,
        naam=lambda p: f"Regel {p.product_referentie}",
    )
