"""Machine clients: API credentials a beheerder issues to a party and revokes.

Writes are keyword-only and atomic, like the services of the other apps.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from core.constants import Rol
from core.exceptions import ApplicationError
from core.models import MachineSleutel, User


def _eis_beheerder(door) -> None:
    if not (door and door.is_beheerder):
        raise ApplicationError(
            "Alleen een beheerder kan API-sleutels uitgeven of intrekken.",
            code="geen_toegang",
        )


@transaction.atomic
def machinesleutel_uitgeven(
    *, door, naam: str, gemeente=None, aanbieder=None, verloopt_op=None
) -> tuple[MachineSleutel, str]:
    """A new key for one party, with its technical user; returns (sleutel, key).
    The key itself is returned only here: the database holds its hash."""
    _eis_beheerder(door)
    if (gemeente is None) == (aanbieder is None):
        raise ApplicationError(
            "Kies precies één partij: een gemeente of een aanbieder.", code="partij"
        )
    partij = gemeente or aanbieder
    gebruiker = User(
        username=f"machine-{get_random_string(12).lower()}",
        first_name=naam[:150],
        last_name=f"(API, {partij})"[:150],
        rol=Rol.GEMEENTE if gemeente else Rol.AANBIEDER,
        gemeente=gemeente,
        aanbieder=aanbieder,
    )
    gebruiker.set_unusable_password()  # never a browser login
    gebruiker.save()
    sleutel = MachineSleutel(name=naam, gebruiker=gebruiker, expiry_date=verloopt_op)
    key = MachineSleutel.objects.assign_key(sleutel)
    sleutel.save()
    return sleutel, key


@transaction.atomic
def machinesleutel_intrekken(*, door, sleutel: MachineSleutel) -> MachineSleutel:
    """Revoke for good (the library refuses to undo it); the user is switched off."""
    _eis_beheerder(door)
    sleutel.revoked = True
    sleutel.save()
    User.objects.filter(pk=sleutel.gebruiker_id).update(is_active=False)
    return sleutel


def machinesleutel_gebruikt(*, sleutel: MachineSleutel) -> None:
    """Record the moment of use (one UPDATE, no signals)."""
    MachineSleutel.objects.filter(pk=sleutel.pk).update(laatst_gebruikt=timezone.now())
