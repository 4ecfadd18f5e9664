from dataclasses import dataclass

from django.test import Client as Browser

import pytest
from freezegun import freeze_time

from tests.factories import (
    ContractProductFactory,
    ProductFactory,
    aanbieder_user,
    gemeente_user,
)
from tests.toewijzingen.factories import ClientFactory


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


def ingelogd(user) -> Browser:
    """A test browser logged in as `user`."""
    browser = Browser()
    browser.force_login(user)
    return browser


@pytest.fixture(name="gm")
def gemeente_browser(opzet):
    return ingelogd(opzet.gemeente_user)


@pytest.fixture(name="ab")
def aanbieder_browser(opzet):
    return ingelogd(opzet.aanbieder_user)
