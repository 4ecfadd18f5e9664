"""Fixtures of the berichten tests."""

import pytest

from tests.berichten.buitenpartijen import Partijen
from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    ContractProductFactory,
    GemeenteFactory,
    ProductFactory,
)


@pytest.fixture
def partijen(tmp_path) -> Partijen:
    """A gemeente and an aanbieder with a contract for one product, and a folder in and out."""
    gemeente = GemeenteFactory(code="0737", naam="Tytsjerksteradiel")
    aanbieder = AanbiederFactory()
    product = ProductFactory(categorie="02", code="02A01", eenheid="04", frequentie="4")
    contract = ContractFactory(gemeente=gemeente, aanbieder=aanbieder)
    ContractProductFactory(contract=contract, product=product)
    (tmp_path / "in").mkdir()
    (tmp_path / "uit").mkdir()
    return Partijen(gemeente, aanbieder, product, tmp_path / "in", tmp_path / "uit")
