import pytest

from core.models import User
from stamgegevens.constants import ProductStatus
from stamgegevens.demo import load_demo_data
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Regio,
)

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates():
    first = load_demo_data()
    counts = [
        m.objects.count()
        for m in (Gemeente, Regio, Aanbieder, Product, Contract, ContractProduct, User)
    ]
    second = load_demo_data()
    assert first == second
    assert counts == [
        m.objects.count()
        for m in (Gemeente, Regio, Aanbieder, Product, Contract, ContractProduct, User)
    ]


def test_demo_data_holds_the_seed_region_and_product_table():
    load_demo_data()
    regio = Regio.objects.get()
    assert sorted(regio.gemeenten.values_list("code", flat=True)) == ["0059", "0737"]
    assert Product.objects.get(code="ZL07").status == ProductStatus.VERVALLEN
    assert Product.objects.get(code="ZL06").status == ProductStatus.OVERGANGSREGELING
    assert Product.objects.get(code="ZL13").eenheid == "14"
    assert (
        Product.objects.filter(
            code__startswith="MD", categorie="07", eenheid="16"
        ).count()
        == 3
    )
    assert set(
        Product.objects.filter(code="11N13").values_list("eenheid", flat=True)
    ) == {"83"}


def test_demo_aanbieders_pass_every_validator():
    load_demo_data()
    for aanbieder in Aanbieder.objects.all():
        aanbieder.full_clean()
