"""The world the scale tests fill: its few parents from the factories; the many
rows come from the bulk builders of the demo app (`demo.bulk.vul`)."""

from demo.bulk import GEVULD, Wereld, vul
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.stamgegevens.factories import (
    ContractFactory,
    GemeenteFactory,
    ProductFactory,
    gecontracteerd,
)

__all__ = ["GEVULD", "Wereld", "vul", "wereld"]


def wereld() -> Wereld:
    gemeente = GemeenteFactory(code="0059", naam="Achtkarspelen")
    contract = ContractFactory(gemeente=gemeente)
    product = ProductFactory()
    gecontracteerd(contract, product)
    return Wereld(
        gemeente=gemeente,
        aanbieder=contract.aanbieder,
        contract=contract,
        product=product,
        gemeente_user=gemeente_user(gemeente),
        aanbieder_user=aanbieder_user(contract.aanbieder),
        beheerder=beheerder_user(),
    )
