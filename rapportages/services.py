"""Writes of the rapportages app."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from rapportages.models import Budget
from stamgegevens.models import Contract


@transaction.atomic
def budget_vastleggen(*, user, contract: Contract, jaar: int, bedrag: int) -> Budget:
    """Set (or change) the budget of a contract for a year, in eurocent. Only a
    contractmanager of a gemeente that is party to the contract may."""
    if not user.is_gemeente:
        raise PermissionDenied(
            "Alleen een contractmanager van de gemeente stelt budgetten vast."
        )
    if not Contract.objects.visible_to(user).filter(pk=contract.pk).exists():
        raise PermissionDenied("Dit contract is niet van uw gemeente.")
    budget, _ = Budget.objects.update_or_create(
        contract=contract, jaar=jaar, defaults={"bedrag": bedrag}
    )
    return budget


def euro_naar_cent(euro: Decimal) -> int:
    return int((euro * 100).quantize(Decimal(1)))
