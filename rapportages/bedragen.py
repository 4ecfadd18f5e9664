"""The tarief a toewijzing is valued at in the dashboards ("toegewezen").

One function, so the tarief of the period (stamgegevens, when it has tarieven per
period) replaces the contract's single tarief in one place.
"""

from django.db.models import OuterRef, Subquery

from stamgegevens.models import ContractProduct


def tarief_voor() -> Subquery:
    """An expression on a Toewijzing row: its product's tarief (eurocent per eenheid)
    under its contract, as ContractProduct holds it today."""
    return Subquery(
        ContractProduct.objects.filter(
            contract_id=OuterRef("contract_id"), product_id=OuterRef("product_id")
        ).values("tarief")[:1]
    )
