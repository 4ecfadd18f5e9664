from django.core.cache import cache

import pytest

from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    GemeenteFactory,
)


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(code="0059", naam="Achtkarspelen")


@pytest.fixture
def aanbieder(db):
    return AanbiederFactory()


@pytest.fixture
def contract(gemeente, aanbieder):
    return ContractFactory(gemeente=gemeente, aanbieder=aanbieder)


@pytest.fixture
def gemeente_client(client, gemeente):
    user = gemeente_user(gemeente)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def aanbieder_client(client, aanbieder):
    user = aanbieder_user(aanbieder)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def beheerder_client(client, db):
    user = beheerder_user()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture(autouse=True)
def _lege_cache():
    """Every test starts with an empty cache (the start page keeps counts there)."""
    cache.clear()
    yield
    cache.clear()
