import pytest

from stamgegevens.models import Wijzigingsverzoek
from tests.stamgegevens.factories import ContractProductFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_openapi_schema_and_docs_are_served(gemeente_client):
    schema = gemeente_client.get("/api/schema/")
    assert schema.status_code == 200
    body = schema.content.decode()
    for path in (
        "/api/contracten/",
        "/api/aanbieders/",
        "/api/producten/",
        "/api/gemeenten/",
    ):
        assert path in body
    assert gemeente_client.get("/api/docs/").status_code == 200


def test_api_requires_login(client):
    assert client.get("/api/contracten/").status_code == 403


def test_contract_api_lists_own_contracts_with_products(aanbieder_client, contract):
    ContractProductFactory(contract=contract, tarief=5100)
    ContractProductFactory()  # another aanbieder's
    rows = aanbieder_client.get("/api/contracten/").json()["results"]
    assert [row["nummer"] for row in rows] == [contract.nummer]
    assert rows[0]["producten"][0]["tarief"] == 5100


def test_product_api_filters_on_status_and_geldig_op(gemeente_client):
    ProductFactory(code="A1")
    ProductFactory(code="B1", vervallen=True)
    codes = [
        p["code"]
        for p in gemeente_client.get("/api/producten/?status=vervallen").json()[
            "results"
        ]
    ]
    assert codes == ["B1"]
    codes = [
        p["code"]
        for p in gemeente_client.get("/api/producten/?geldig_op=2026-08-01").json()[
            "results"
        ]
    ]
    assert codes == ["A1"]


def test_r_g1_api_aanbieder_proposes_and_gemeente_approves(client, contract):
    from tests.core.factories import aanbieder_user, gemeente_user

    client.force_login(aanbieder_user(contract.aanbieder))
    bad = client.post(
        "/api/wijzigingsverzoeken/",
        {"wijzigingen": {"iban": "NL00"}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "iban" in bad.json()
    created = client.post(
        "/api/wijzigingsverzoeken/",
        {"wijzigingen": {"plaats": "Drachten"}},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client.post(f"/api/wijzigingsverzoeken/{pk}/goedkeuren/").status_code == 403
    client.force_login(gemeente_user(contract.gemeente))
    assert (
        client.post(
            "/api/wijzigingsverzoeken/",
            {"wijzigingen": {"plaats": "X"}},
            content_type="application/json",
        ).status_code
        == 403
    )
    approved = client.post(
        f"/api/wijzigingsverzoeken/{pk}/goedkeuren/",
        {"reden": "ok"},
        content_type="application/json",
    )
    assert approved.json()["status"] == "goedgekeurd"
    contract.aanbieder.refresh_from_db()
    assert contract.aanbieder.plaats == "Drachten"
    again = client.post(
        f"/api/wijzigingsverzoeken/{pk}/afwijzen/",
        {"reden": "toch niet"},
        content_type="application/json",
    )
    assert again.status_code == 400 and again.json()["code"] == "al_beoordeeld"
    assert Wijzigingsverzoek.objects.get().status == "goedgekeurd"
