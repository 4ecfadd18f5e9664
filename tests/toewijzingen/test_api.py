"""The toewijzingen API: scoped, filtered, and writing through the same services
as the screens (a refusal is the service's Dutch message)."""

from datetime import date

import pytest

from core.models import BsnInzage
from tests.toewijzingen.factories import LeveringFactory, ToewijzingFactory
from tests.toewijzingen.opzet_helpers import maak, vot
from toewijzingen.constants import VerzoekStatus
from toewijzingen.models import Levering, Toewijzing

pytestmark = pytest.mark.django_db

API = "/api"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


def test_clienten_mask_the_bsn_in_lists_and_log_the_full_one(opzet, gm, ab):
    bsn = opzet.client.bsn
    [rij] = gm.get(f"{API}/clienten/").json()["results"]
    assert rij["bsn"] == f"*****{bsn[-4:]}"
    zoek = gm.get(f"{API}/clienten/", headers={"X-Filter-Zoek": bsn})
    assert zoek.json()["count"] == 1
    detail = gm.get(f"{API}/clienten/{opzet.client.pk}/").json()
    assert detail["bsn"] == bsn
    assert BsnInzage.objects.get().waar == f"{API}/clienten/{opzet.client.pk}/"
    # The aanbieder sees the cliënt only once it has a toewijzing or verzoek.
    assert ab.get(f"{API}/clienten/{opzet.client.pk}/").status_code == 404
    ToewijzingFactory(client=opzet.client, aanbieder=opzet.aanbieder)
    assert ab.get(f"{API}/clienten/{opzet.client.pk}/").json()["bsn"] == bsn


def test_toewijzingen_filters_and_scoping(opzet, gm, ab):
    eigen = maak(opzet, einddatum=date(2026, 9, 30))
    gestart = ToewijzingFactory(
        client__gemeente=opzet.gemeente, aanbieder=opzet.aanbieder, gestart=True
    )
    vreemd = ToewijzingFactory()  # another gemeente and aanbieder
    assert ids(ab.get(f"{API}/toewijzingen/")) == [eigen.pk, gestart.pk]
    assert ids(ab.get(f"{API}/toewijzingen/?status=gestart")) == [gestart.pk]
    assert ids(ab.get(f"{API}/toewijzingen/?product={opzet.product.pk}")) == [eigen.pk]
    assert ids(ab.get(f"{API}/toewijzingen/?van=2026-10-01")) == [gestart.pk]
    assert ids(ab.get(f"{API}/toewijzingen/?tot=2026-08-02")) == [gestart.pk]
    assert ids(ab.get(f"{API}/toewijzingen/?gemeente={opzet.gemeente.pk}")) == [
        eigen.pk,
        gestart.pk,
    ]
    assert ids(gm.get(f"{API}/toewijzingen/?aanbieder={opzet.aanbieder.pk}")) == [
        eigen.pk,
        gestart.pk,
    ]
    # A foreign party in the filter is refused, never shown.
    response = gm.get(f"{API}/toewijzingen/?aanbieder={vreemd.aanbieder.pk}")
    assert response.status_code == 400
    assert gm.get(f"{API}/toewijzingen/{vreemd.pk}/").status_code == 404
    rij = gm.get(f"{API}/toewijzingen/{eigen.pk}/").json()
    assert rij["status"] == "nieuw" and rij["client_bsn"].startswith("*****")
    assert rij["retour_retourcodes"] == []


def test_create_toewijzing_uses_the_service_and_its_dutch_refusal(opzet, gm, ab):
    data = {
        "client": opzet.client.pk,
        "aanbieder": opzet.aanbieder.pk,
        "product": opzet.product.pk,
        "ingangsdatum": "2026-09-01",
    }
    response = gm.post(f"{API}/toewijzingen/", data, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "R-T4"
    assert "Geef een omvang" in response.json()["detail"]
    response = gm.post(
        f"{API}/toewijzingen/",
        data | {"prijsvorm": "onderhoud"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    toewijzing = Toewijzing.objects.get()
    assert response.json()["toewijzing_nummer"] == toewijzing.toewijzing_nummer
    assert toewijzing.bericht.bericht_type == "WMO301"
    assert ab.post(f"{API}/toewijzingen/", data).status_code == 403


def test_beeindigen_computes_the_einddatum(opzet, gm):
    toewijzing = maak(opzet)
    url = f"{API}/toewijzingen/{toewijzing.pk}/beeindigen/"
    assert gm.post(url, {}).json()["code"] == "R-T6"
    response = gm.post(url, {"reden_wijziging": "05"})
    assert response.json()["einddatum"] == "2026-08-31"
    assert response.json()["status"] == "beeindigd"


def test_start_and_stop_through_the_api(opzet, gm, ab):
    toewijzing = maak(opzet)
    start = f"{API}/toewijzingen/{toewijzing.pk}/start/"
    stop = f"{API}/toewijzingen/{toewijzing.pk}/stop/"
    response = ab.post(start, {"begindatum": "2026-08-02"})
    assert response.status_code == 400 and response.json()["code"] == "R-S1"
    assert ab.post(start, {"begindatum": "2026-08-03"}).status_code == 201
    response = ab.post(
        stop,
        {
            "begindatum": "2026-08-03",
            "einddatum": "2026-08-20",
            "reden_beeindiging": "x",
        },
    )
    assert response.json()["code"] == "CS058"
    response = ab.post(
        stop,
        {
            "begindatum": "2026-08-03",
            "einddatum": "2026-08-20",
            "reden_beeindiging": "19",
        },
    )
    assert response.status_code == 201
    assert gm.post(start, {"begindatum": "2026-08-03"}).status_code == 403
    soorten = gm.get(f"{API}/leveringen/?toewijzing={toewijzing.pk}").json()["results"]
    assert sorted(rij["soort"] for rij in soorten) == ["start", "stop"]
    assert ids(gm.get(f"{API}/leveringen/?soort=stop")) == [
        Levering.objects.get(soort="stop").pk
    ]
    vreemd = LeveringFactory()
    assert ab.get(f"{API}/leveringen/{vreemd.pk}/").status_code == 404
    assert gm.get(f"{API}/toewijzingen/?status=gestopt").json()["count"] == 1


def test_verzoeken_answered_through_the_api(opzet, gm, ab):
    verzoek = vot(opzet)
    assert ids(gm.get(f"{API}/verzoeken/?open=true")) == [verzoek.pk]
    assert ids(ab.get(f"{API}/verzoeken/?soort=WMO317")) == []
    url = f"{API}/verzoeken/{verzoek.pk}"
    assert ab.post(f"{url}/honoreren/").status_code == 403
    assert (
        gm.post(f"{url}/in-onderzoek/").json()["status"] == VerzoekStatus.IN_ONDERZOEK
    )
    response = gm.post(f"{url}/afwijzen/", {"reden_afwijzing": ""})
    assert response.status_code == 400 and response.json()["code"] == "CD085"
    response = gm.post(f"{url}/honoreren/")
    assert response.json()["status"] == VerzoekStatus.GEHONOREERD
    assert Toewijzing.objects.get().referentie_aanbieder == "VOT-1"
    response = gm.post(f"{url}/honoreren/")
    assert response.status_code == 400 and "TR359" in response.json()["detail"]
