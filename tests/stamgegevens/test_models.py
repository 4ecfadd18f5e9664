from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    GemeenteFactory,
    ProductFactory,
    RegioFactory,
)

pytestmark = pytest.mark.django_db


def test_r_agb_agb_code_is_unique_per_aanbieder():
    AanbiederFactory(agb_code="98765432")
    AanbiederFactory(agb_code="98765433")  # another code is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        AanbiederFactory(agb_code="98765432")


def test_aanbieder_full_clean_reports_each_bad_field_in_dutch():
    aanbieder = AanbiederFactory.build(
        agb_code="123",
        iban="NL00FOUT",
        btw_nummer="NL1B01",
        kvk_nummer="12",
        postcode="12",
    )
    with pytest.raises(ValidationError) as exc:
        aanbieder.full_clean()
    assert set(exc.value.message_dict) >= {
        "agb_code",
        "iban",
        "btw_nummer",
        "kvk_nummer",
        "postcode",
    }
    assert "8 cijfers" in exc.value.message_dict["agb_code"][0]


def test_aanbieder_clean_normalises_iban_btw_and_postcode():
    aanbieder = AanbiederFactory.build(
        iban="nl91 abna 0417 1643 00", btw_nummer="NL 8123 45678 B01", postcode="9231ab"
    )
    aanbieder.clean()
    assert (aanbieder.iban, aanbieder.btw_nummer, aanbieder.postcode) == (
        "NL91ABNA0417164300",
        "NL812345678B01",
        "9231 AB",
    )


def test_product_is_unique_per_categorie_code_and_geldigheid():
    ProductFactory(categorie="02", code="ZL01", geldig_van=date(2026, 1, 1))
    ProductFactory(
        categorie="02", code="ZL01", geldig_van=date(2027, 1, 1)
    )  # next period
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(categorie="02", code="ZL01", geldig_van=date(2026, 1, 1))


def test_product_periods_of_one_code_may_not_overlap():
    ProductFactory(
        categorie="02",
        code="ZL01",
        geldig_van=date(2026, 1, 1),
        geldig_tot=date(2026, 12, 31),
    )
    adjacent = ProductFactory.build(
        categorie="02", code="ZL01", geldig_van=date(2027, 1, 1)
    )
    adjacent.clean()
    overlapping = ProductFactory.build(
        categorie="02", code="ZL01", geldig_van=date(2026, 6, 1)
    )
    with pytest.raises(ValidationError, match="al een product"):
        overlapping.clean()


def test_product_geldig_tot_before_geldig_van_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(geldig_van=date(2026, 5, 1), geldig_tot=date(2026, 4, 30))


def test_product_is_geldig_op_its_period_only():
    product = ProductFactory.build(vervallen=True, geldig_van=date(2026, 1, 1))
    assert product.is_geldig_op(date(2026, 6, 30))
    assert not product.is_geldig_op(date(2026, 7, 1))


def test_contract_has_exactly_one_opdrachtgever():
    regio = RegioFactory(gemeenten=[GemeenteFactory(), GemeenteFactory()])
    ContractFactory(gemeente=None, regio=regio)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractFactory(gemeente=GemeenteFactory(), regio=regio)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractFactory(gemeente=None, regio=None)
