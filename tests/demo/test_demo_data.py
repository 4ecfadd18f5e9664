from datetime import date

import pytest

from core.models import User
from demo.stamgegevens import load_demo_data
from stamgegevens.constants import ProductStatus
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


def test_demo_toewijzingen_go_through_the_services_and_load_once():
    from berichten.models import Bericht
    from demo.toewijzingen import load_demo_toewijzingen
    from toewijzingen.models import Levering, Toewijzing, Verzoek

    load_demo_data()
    load_demo_toewijzingen()
    counts = [m.objects.count() for m in (Toewijzing, Levering, Verzoek, Bericht)]
    load_demo_toewijzingen()
    assert counts == [
        m.objects.count() for m in (Toewijzing, Levering, Verzoek, Bericht)
    ]
    assert counts[:3] == [3, 2, 1]
    soorten = set(Bericht.objects.values_list("bericht_type", flat=True))
    assert {"WMO301", "WMO302", "WMO305", "WMO306", "WMO315", "WMO316"} <= soorten
    assert not Bericht.objects.filter(status="fout").exists()


def test_demo_declaratie_is_answered_with_one_afgekeurde_regel():
    from declaraties.models import Declaratie, Prestatie
    from demo.declaraties import load_demo_declaraties
    from demo.toewijzingen import load_demo_toewijzingen

    load_demo_data()
    load_demo_toewijzingen()
    load_demo_declaraties()
    load_demo_declaraties()
    declaratie = Declaratie.objects.get()
    assert declaratie.status == "beantwoord"
    assert sorted(Prestatie.objects.values_list("status", flat=True)) == [
        "afgekeurd",
        "goedgekeurd",
    ]
    assert Prestatie.objects.get(status="afgekeurd").retourcodes == ["9321"]


def test_demo_data_has_a_contract_with_2026_and_indexed_2027_tarieven():
    load_demo_data()
    load_demo_data()  # idempotent: still two periods
    cp = ContractProduct.objects.get(
        contract__nummer="NOF-2026-001", product__code="ZL01"
    )
    periodes = [(t.geldig_van, t.geldig_tot, t.bedrag) for t in cp.tarieven.all()]
    assert periodes == [
        (date(2026, 1, 1), date(2026, 12, 31), 4250),
        (date(2027, 1, 1), None, 4392),  # 4250 × 1,0335 = 4392,375 → 4392
    ]
