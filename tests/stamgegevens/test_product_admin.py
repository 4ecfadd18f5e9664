"""The beheerder maintains the product table in the admin, with CSV/Excel import and export."""

import io
from datetime import date

import pytest
import tablib
from openpyxl import load_workbook

from stamgegevens.admin import ProductAdmin, ProductResource
from stamgegevens.models import Product
from tests.stamgegevens.factories import ProductFactory

pytestmark = pytest.mark.django_db

KOLOMMEN = [
    "categorie",
    "code",
    "omschrijving",
    "eenheid",
    "frequentie",
    "geldig_van",
    "geldig_tot",
    "status",
]


def _import(dataset: tablib.Dataset, dry_run: bool = False):
    return ProductResource().import_data(
        dataset, dry_run=dry_run, raise_errors=False, rollback_on_validation_errors=True
    )


def test_csv_import_adds_products_and_updates_by_natural_key():
    ProductFactory(
        categorie="02", code="ZL01", geldig_van=date(2026, 1, 1), omschrijving="Oud"
    )
    dataset = tablib.Dataset(headers=KOLOMMEN)
    dataset.append(["02", "ZL01", "Nieuw", "82", "4", "2026-01-01", "", "actief"])
    dataset.append(
        ["07", "MD09", "Dagbesteding extra", "16", "2", "2026-01-01", "", "actief"]
    )
    result = _import(tablib.Dataset().load(dataset.export("csv"), format="csv"))
    assert not result.has_errors() and not result.has_validation_errors()
    assert Product.objects.get(code="ZL01").omschrijving == "Nieuw"
    assert Product.objects.filter(code="MD09").exists()
    assert Product.objects.count() == 2


def test_import_refuses_unknown_codelist_values_and_saves_nothing():
    dataset = tablib.Dataset(headers=KOLOMMEN)
    dataset.append(["07", "MD09", "Goed", "16", "2", "2026-01-01", "", "actief"])
    dataset.append(
        ["99", "XX1", "Foute categorie", "77", "2", "2026-01-01", "", "actief"]
    )
    result = _import(dataset)
    assert result.has_validation_errors()
    assert not Product.objects.exists()


def test_xlsx_export_round_trips():
    ProductFactory(code="ZL13", categorie="04", eenheid="14")
    exported = ProductResource().export()
    xlsx = exported.export("xlsx")
    Product.objects.all().delete()
    result = _import(tablib.Dataset().load(xlsx, format="xlsx"))
    assert not result.has_errors() and not result.has_validation_errors()
    assert Product.objects.get().code == "ZL13"


def test_admin_changelist_has_search_filters_and_import_export(beheerder_client):
    ProductFactory(code="ZL07", vervallen=True)
    page = beheerder_client.get(
        "/beheer/stamgegevens/product/?status__exact=vervallen&q=ZL"
    ).content.decode()
    assert "ZL07" in page
    assert (
        "/beheer/stamgegevens/product/import/" in page
        and "/beheer/stamgegevens/product/export/" in page
    )


def test_aanbieder_and_gemeente_users_cannot_reach_the_product_admin(aanbieder_client):
    response = aanbieder_client.get("/beheer/stamgegevens/product/")
    assert response.status_code == 302 and "/beheer/login/" in response.url


def test_product_export_neutralises_formulas_in_csv_and_xlsx():
    ProductFactory(code="ZL14", omschrijving='=HYPERLINK("http://x")')
    formaten = {f.__name__: f() for f in ProductAdmin.formats}
    assert set(formaten) == {"VeiligCSV", "VeiligXLSX"}
    exported = ProductResource().export()
    csv_tekst = formaten["VeiligCSV"].export_data(exported)
    assert "'=HYPERLINK" in csv_tekst
    xlsx = formaten["VeiligXLSX"].export_data(exported)
    rij = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(min_row=2))[0]
    omschrijving = rij[KOLOMMEN.index("omschrijving")]
    assert omschrijving.data_type == "s" and omschrijving.value.startswith("=HYPER")
