"""Tarieven per period (R-D9, TR418): no overlap, history, import/export, indexeren."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
import tablib

from core.exceptions import ApplicationError
from stamgegevens import services
from stamgegevens.admin import TariefResource
from stamgegevens.models import Tarief
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.stamgegevens.factories import (
    ContractFactory,
    ContractProductFactory,
    GemeenteFactory,
    ProductFactory,
    RegioFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db

NIEUWJAAR = date(2027, 1, 1)


@pytest.fixture
def contract():
    contract = ContractFactory(einddatum=date(2027, 12, 31))
    ContractProductFactory(
        contract=contract, product=ProductFactory(code="ZL01"), tarief=4250
    )
    ContractProductFactory(
        contract=contract, product=ProductFactory(code="ZL02"), tarief=1000
    )
    return contract


def _periodes(contract):
    return [
        (t.contractproduct.product.code, t.geldig_van, t.geldig_tot, t.bedrag)
        for t in Tarief.objects.filter(contractproduct__contract=contract).order_by(
            "contractproduct__product__code", "geldig_van"
        )
    ]


def test_r_d9_tarief_periods_may_not_overlap(contract):
    cp = contract.contractproducten.get(product__code="ZL01")
    [huidig] = cp.tarieven.all()
    huidig.geldig_tot = date(2026, 12, 31)
    huidig.save()
    TariefFactory.build(contractproduct=cp, geldig_van=NIEUWJAAR).full_clean()
    overlap = TariefFactory.build(contractproduct=cp, geldig_van=date(2026, 12, 1))
    with pytest.raises(ValidationError, match="al een tarief"):
        overlap.full_clean()


def test_r_d9_tarief_op_picks_the_period_of_the_date(contract):
    services.tarieven_indexeren(
        contract=contract, percentage=Decimal("2"), ingangsdatum=NIEUWJAAR
    )
    cp = contract.contractproducten.get(product__code="ZL01")
    assert cp.tarief_op(date(2026, 12, 31)).bedrag == 4250
    assert cp.tarief_op(NIEUWJAAR).bedrag == 4335
    assert cp.tarief_op(date(2025, 12, 31)) is None  # before the contract


@pytest.mark.parametrize(
    ("bedrag", "percentage", "nieuw"),
    [
        (4250, "3.35", 4392),  # 4392,375 → 4392
        (1000, "1.25", 1013),  # 1012,5: half a cent goes up (ROUND_HALF_UP)
        (1000, "1.24", 1012),  # 1012,4 → 1012
        (1000, "-1.25", 988),  # 987,5 → 988
    ],
)
def test_r_d9_indexeren_rounds_to_the_cent_half_up(bedrag, percentage, nieuw):
    assert services.geindexeerd(bedrag, Decimal(percentage)) == nieuw


def test_r_d9_indexeren_adds_a_period_and_closes_the_old_one(contract):
    user = gemeente_user(contract.gemeente)
    voorstel = services.indexering_voorstel(
        contract=contract, percentage=Decimal("1.25"), ingangsdatum=NIEUWJAAR
    )
    assert [(r.huidig.bedrag, r.nieuw_bedrag) for r in voorstel] == [
        (4250, 4303),
        (1000, 1013),
    ]
    assert len(_periodes(contract)) == 2  # the preview saves nothing
    services.contract_indexeren(
        user=user, contract=contract, percentage=Decimal("1.25"), ingangsdatum=NIEUWJAAR
    )
    assert _periodes(contract) == [
        ("ZL01", date(2026, 1, 1), date(2026, 12, 31), 4250),
        ("ZL01", NIEUWJAAR, None, 4303),
        ("ZL02", date(2026, 1, 1), date(2026, 12, 31), 1000),
        ("ZL02", NIEUWJAAR, None, 1013),
    ]
    with pytest.raises(ApplicationError, match="al een tarief vanaf"):
        services.contract_indexeren(
            user=user, contract=contract, percentage=Decimal(2), ingangsdatum=NIEUWJAAR
        )
    with pytest.raises(ApplicationError, match="niet \\(meer\\)"):
        services.indexering_voorstel(
            contract=contract, percentage=Decimal(2), ingangsdatum=date(2028, 1, 1)
        )


def test_r_d9_indexeren_only_by_a_contract_manager_of_the_opdrachtgever(contract):
    regio = RegioFactory(gemeenten=[GemeenteFactory(), GemeenteFactory()])
    regiocontract = ContractFactory(gemeente=None, regio=regio)
    ContractProductFactory(contract=regiocontract, tarief=2000)
    lid = gemeente_user(regio.gemeenten.last())
    services.contract_indexeren(
        user=lid, contract=regiocontract, percentage=Decimal(2), ingangsdatum=NIEUWJAAR
    )
    for user in (
        aanbieder_user(contract.aanbieder),
        beheerder_user(),
        gemeente_user(),  # another gemeente
    ):
        with pytest.raises(
            ApplicationError, match="contractmanager van de opdrachtgever"
        ):
            services.contract_indexeren(
                user=user,
                contract=contract,
                percentage=Decimal(2),
                ingangsdatum=NIEUWJAAR,
            )
    assert len(_periodes(contract)) == 2


def test_r_d9_indexeren_screen_previews_then_saves(client, contract):
    client.force_login(gemeente_user(contract.gemeente))
    url = f"/stamgegevens/contracten/{contract.pk}/indexeren/"
    assert client.get(url).status_code == 200
    gegevens = {"percentage": "1,25", "ingangsdatum": "2027-01-01"}
    voorbeeld = client.post(url, {**gegevens, "actie": "bekijken"})
    tekst = voorbeeld.content.decode()
    assert "Voorbeeld: nog niet opgeslagen" in tekst
    assert "€ 42,50" in tekst and "€ 43,03" in tekst
    assert len(_periodes(contract)) == 2
    opgeslagen = client.post(url, {**gegevens, "actie": "opslaan"}, follow=True)
    assert len(_periodes(contract)) == 4
    detail = opgeslagen.content.decode()
    assert "2 nieuwe tarieven vastgelegd vanaf 01-01-2027" in detail
    assert "van 01-01-2026 t/m 31-12-2026" in detail and "€ 43,03" in detail
    fout = client.post(url, {**gegevens, "actie": "opslaan"})
    assert "heeft al een tarief vanaf 01-01-2027" in fout.content.decode()


def test_r_d9_indexeren_screen_refuses_aanbieder_and_beheerder(client, contract):
    url = f"/stamgegevens/contracten/{contract.pk}/indexeren/"
    for user in (aanbieder_user(contract.aanbieder), beheerder_user()):
        client.force_login(user)
        assert client.get(url).status_code == 403
        response = client.post(url, {"percentage": "2", "ingangsdatum": "2027-01-01"})
        assert response.status_code == 403
    assert len(_periodes(contract)) == 2


def test_r_d9_contract_detail_shows_the_tarief_history_to_the_aanbieder(
    client, contract
):
    services.tarieven_indexeren(
        contract=contract, percentage=Decimal("2"), ingangsdatum=NIEUWJAAR
    )
    client.force_login(aanbieder_user(contract.aanbieder))
    tekst = client.get(contract.get_absolute_url()).content.decode()
    assert (
        "€ 42,50</span> per eenheid" in tekst and "€ 43,35</span> per eenheid" in tekst
    )
    assert "van 01-01-2027 t/m …" in tekst
    assert "Tarieven indexeren" not in tekst


# --- import and export per contract (django-import-export) ---------------------------

KOLOMMEN = [
    "contract",
    "categorie",
    "code",
    "geldig_van",
    "geldig_tot",
    "bedrag",
    "per_uur",
]


def _import(dataset, dry_run=False):
    return TariefResource().import_data(
        dataset, dry_run=dry_run, raise_errors=False, rollback_on_validation_errors=True
    )


def test_r_d9_tarieven_export_and_import_per_contract(contract):
    cp = contract.contractproducten.get(product__code="ZL01")
    Tarief.objects.filter(contractproduct=cp).update(geldig_tot=date(2026, 12, 31))
    export = TariefResource().export(
        queryset=Tarief.objects.filter(contractproduct__contract=contract)
    )
    assert export.headers == KOLOMMEN
    assert [contract.nummer, "02", "ZL01", "2026-01-01", "2026-12-31", "4250"] == list(
        export[0][:6]
    )
    dataset = tablib.Dataset(headers=KOLOMMEN)
    dataset.append([contract.nummer, "02", "ZL01", "2027-01-01", "", "4400", "0"])
    dataset.append(
        [contract.nummer, "02", "ZL01", "2026-01-01", "2026-12-31", "4300", "0"]
    )
    result = _import(tablib.Dataset().load(dataset.export("csv"), format="csv"))
    assert not result.has_errors() and not result.has_validation_errors()
    assert [(t.geldig_van, t.bedrag) for t in cp.tarieven.all()] == [
        (date(2026, 1, 1), 4300),  # updated by its key
        (NIEUWJAAR, 4400),  # added
    ]


def test_r_d9_tarieven_import_refuses_overlap_and_unknown_product(contract):
    dataset = tablib.Dataset(headers=KOLOMMEN)
    dataset.append([contract.nummer, "02", "ZL02", "2026-06-01", "", "1100", "0"])
    result = _import(dataset)
    assert result.has_validation_errors()
    dataset = tablib.Dataset(headers=KOLOMMEN)
    dataset.append([contract.nummer, "02", "ZL99", "2027-01-01", "", "1100", "0"])
    assert _import(dataset).has_errors() or _import(dataset).has_validation_errors()
    assert len(_periodes(contract)) == 2


def test_r_d9_admin_shows_tarieven_per_contract_with_import_export(
    beheerder_client, contract
):
    services.tarieven_indexeren(
        contract=contract, percentage=Decimal("2"), ingangsdatum=NIEUWJAAR
    )
    lijst = beheerder_client.get(
        f"/beheer/stamgegevens/tarief/?contractproduct__contract__id__exact={contract.pk}"
    ).content.decode()
    assert lijst.count(f"{contract.nummer}:") == 4  # two products, two periods each
    assert "/beheer/stamgegevens/tarief/import/" in lijst
    assert "/beheer/stamgegevens/tarief/export/" in lijst
    detail = beheerder_client.get(
        f"/beheer/stamgegevens/contract/{contract.pk}/change/"
    ).content.decode()
    assert "€ 42,50 per eenheid (01-01-2026 t/m 31-12-2026)" in detail
    assert "€ 43,35 per eenheid (01-01-2027 t/m …)" in detail
    tarief = Tarief.objects.get(
        contractproduct__product__code="ZL01", geldig_van=NIEUWJAAR
    )
    historie = beheerder_client.get(
        f"/beheer/stamgegevens/tarief/{tarief.pk}/history/"
    ).content.decode()
    assert "Geïndexeerd met 2% per 01-01-2027" in historie
