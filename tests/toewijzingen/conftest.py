from dataclasses import dataclass

import pytest
from freezegun import freeze_time

from tests.core.factories import aanbieder_user, gemeente_user
from tests.stamgegevens.factories import ContractProductFactory, ProductFactory
from tests.toewijzingen.factories import ClientFactory
from tests.toewijzingen.opzet_helpers import ingelogd


@dataclass
class Opzet:
    gemeente: object
    aanbieder: object
    contract: object
    product: object
    client: object
    gemeente_user: object
    aanbieder_user: object


@pytest.fixture
def nu():
    """Seed 004's example day: the 301 is sent on 28-8-2026."""
    with freeze_time("2026-08-28 10:15:30") as frozen:
        yield frozen


@pytest.fixture
def opzet(nu, gemeente, aanbieder, contract) -> Opzet:
    product = ProductFactory(categorie="14", code="14A01")
    ContractProductFactory(contract=contract, product=product)
    return Opzet(
        gemeente=gemeente,
        aanbieder=aanbieder,
        contract=contract,
        product=product,
        client=ClientFactory(gemeente=gemeente),
        gemeente_user=gemeente_user(gemeente),
        aanbieder_user=aanbieder_user(aanbieder),
    )


@pytest.fixture(name="gm")
def gemeente_browser(opzet):
    """The gemeente_user of `opzet`, logged in."""
    return ingelogd(opzet.gemeente_user)


@pytest.fixture(name="ab")
def aanbieder_browser(opzet):
    """The aanbieder_user of `opzet`, logged in."""
    return ingelogd(opzet.aanbieder_user)
