"""Writes of the meldingen app: handled marks, read marks and preferences."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from meldingen import selectors
from meldingen.constants import Frequentie
from meldingen.models import Afgehandeld, Melding, Voorkeur


@transaction.atomic
def item_afhandelen(
    *, user, soort: str, object_id: int, voor_partij: bool
) -> Afgehandeld:
    """Mark an open item of the user's werkvoorraad handled, for the user alone or
    for the whole party. Its in-app notifications count as read."""
    if selectors.open_item(user=user, soort=soort, object_id=object_id) is None:
        raise PermissionDenied("Dit staat niet (meer) in uw werkvoorraad.")
    mark = Afgehandeld.objects.create(
        soort=soort,
        object_id=object_id,
        gemeente_id=user.gemeente_id if user.is_gemeente else None,
        aanbieder_id=user.aanbieder_id if user.is_aanbieder else None,
        gebruiker=None if voor_partij else user,
        afgehandeld_door=user,
    )
    Melding.objects.filter(
        gebruiker=user, soort=soort, object_id=object_id, gelezen_op__isnull=True
    ).update(gelezen_op=timezone.now())
    return mark


def melding_markeren(*, user, melding: Melding, gelezen: bool = True) -> None:
    """Mark one of the user's own notifications read (or unread again)."""
    Melding.objects.filter(gebruiker=user, pk=melding.pk).update(
        gelezen_op=timezone.now() if gelezen else None
    )


def meldingen_gelezen_markeren(*, user) -> int:
    """Every unread notification of the user read; the number marked."""
    return Melding.objects.filter(gebruiker=user, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )


@transaction.atomic
def voorkeuren_opslaan(*, user, voorkeuren: dict[str, str]) -> None:
    """One frequency per kind of item (only the kinds of the user's role)."""
    toegestaan = set(selectors.soorten_voor(user))
    for soort, frequentie in voorkeuren.items():
        if soort not in toegestaan or frequentie not in Frequentie.values:
            raise ValueError(f"Onbekende voorkeur: {soort}={frequentie}")
        Voorkeur.objects.update_or_create(
            gebruiker=user, soort=soort, defaults={"frequentie": frequentie}
        )
