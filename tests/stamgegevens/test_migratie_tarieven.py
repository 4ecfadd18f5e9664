"""The data migration: today's single tarief of a contract product becomes one open period."""

from datetime import date

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

VOOR = [("stamgegevens", "0004_wijzigingsverzoek_ingangsdatum_vier_ogen")]
NA = [("stamgegevens", "0005_tarieven_per_periode")]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_r_d9_migration_moves_the_tarief_into_one_open_period():
    apps = _migreer(VOOR)
    Gemeente = apps.get_model("stamgegevens", "Gemeente")
    Aanbieder = apps.get_model("stamgegevens", "Aanbieder")
    Product = apps.get_model("stamgegevens", "Product")
    Contract = apps.get_model("stamgegevens", "Contract")
    ContractProduct = apps.get_model("stamgegevens", "ContractProduct")
    contract = Contract.objects.create(
        nummer="MIG-1",
        gemeente=Gemeente.objects.create(code="0059", naam="Achtkarspelen"),
        aanbieder=Aanbieder.objects.create(
            agb_code="98765432",
            naam="A",
            straat="S",
            huisnummer="1",
            postcode="9231AB",
            plaats="P",
            btw_nummer="NL812345678B01",
            kvk_nummer="01234567",
            iban="NL91ABNA0417164300",
        ),
        begindatum=date(2025, 3, 1),
        uitvoeringsvariant="inspanningsgericht",
    )
    product = Product.objects.create(
        categorie="02",
        code="ZL01",
        omschrijving="x",
        eenheid="82",
        frequentie="4",
        geldig_van=date(2025, 1, 1),
    )
    cp = ContractProduct.objects.create(contract=contract, product=product, tarief=4250)
    try:
        apps = _migreer(NA)
        Tarief = apps.get_model("stamgegevens", "Tarief")
        [tarief] = Tarief.objects.filter(contractproduct_id=cp.pk)
        assert (
            tarief.geldig_van,
            tarief.geldig_tot,
            tarief.bedrag,
            tarief.per_uur,
        ) == (
            date(2025, 3, 1),
            None,
            4250,
            False,
        )
        apps = _migreer(VOOR)  # and back: the tarief of the latest period
        ContractProduct = apps.get_model("stamgegevens", "ContractProduct")
        assert ContractProduct.objects.get(pk=cp.pk).tarief == 4250
    finally:
        _migreer(
            [
                (app, naam)
                for app, naam in MigrationExecutor(connection).loader.graph.leaf_nodes()
            ]
        )
