"""Writes on the stored deadline signals."""

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.scoping import can_see
from toewijzingen.constants import (
    SignaalStatus,
)
from toewijzingen.models import (
    Signaal,
)


@transaction.atomic
def signaal_afhandelen(*, user, signaal: Signaal) -> Signaal:
    """A person marks an open signal of their own party handled; recomputing the
    signals leaves it handled."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if not can_see(user, signaal):
        raise ApplicationError(
            "Dit signaal is niet van uw organisatie.", code="geen_toegang"
        )
    if signaal.status == SignaalStatus.AFGEHANDELD:
        raise ApplicationError("Dit signaal is al afgehandeld.", code="al_afgehandeld")
    signaal.status = SignaalStatus.AFGEHANDELD
    signaal.afgehandeld_door = user
    signaal.afgehandeld_op = timezone.now()
    signaal.save(
        update_fields=["status", "afgehandeld_door", "afgehandeld_op", "bijgewerkt_op"]
    )
    return signaal
