"""The declaraties API (read-only): scoped like the screens, filtered with the same
FilterSets, the BSN masked in list and detail alike."""

from datetime import date

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from core import codelijsten
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.hints import hint
from declaraties.models import Declaratie, Prestatie
from tests.berichten.factories import BerichtFactory
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import DeclaratieFactory, PrestatieFactory
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db

API = "/api"
SEPTEMBER = date(2026, 9, 1)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


@pytest.fixture
def opzet():
    """Gemeente G with aanbieder A (three declaraties, one a concept) and aanbieder
    A2 (one declaratie); a foreign gemeente with its own aanbieder."""
    tw = ToewijzingFactory(declarabel=True)
    goed = PrestatieFactory(t=tw)
    declaratie = goed.declaratie
    fout = PrestatieFactory(
        t=tw,
        declaratie=declaratie,
        status=PrestatieStatus.AFGEKEURD,
        retourcodes=["9321"],
        ingediend_bedrag=8500,
        begindatum=date(2026, 8, 15),
    )
    credit = PrestatieFactory(
        t=tw,
        declaratie=declaratie,
        debet_credit=DebetCredit.CREDIT,
        status=PrestatieStatus.AFGEKEURD,
        retourcodes=["8017"],
        ingediend_bedrag=1000,
    )
    september = DeclaratieFactory(
        aanbieder=tw.aanbieder,
        gemeente=tw.gemeente,
        periode_begin=SEPTEMBER,
        periode_eind=date(2026, 9, 30),
        status=DeclaratieStatus.INGEDIEND,
        declaratie_nummer="SEP2026",
        bericht=BerichtFactory(
            gemeente=tw.gemeente, aanbieder=tw.aanbieder, bericht_type="WMO323"
        ),
    )
    concept = DeclaratieFactory(
        aanbieder=tw.aanbieder,
        gemeente=tw.gemeente,
        periode_begin=date(2026, 10, 1),
        periode_eind=date(2026, 10, 31),
        status=DeclaratieStatus.CONCEPT,
        declaratie_nummer="",
    )
    ander = PrestatieFactory(
        t=ToewijzingFactory(declarabel=True, client__gemeente=tw.gemeente)
    )
    vreemd = PrestatieFactory()  # another gemeente and aanbieder
    return {
        "tw": tw,
        "goed": goed,
        "fout": fout,
        "credit": credit,
        "declaratie": declaratie,
        "september": september,
        "concept": concept,
        "ander": ander,
        "vreemd": vreemd,
        "gm": _client(gemeente_user(tw.gemeente)),
        "ab": _client(aanbieder_user(tw.aanbieder)),
    }


# --- declaraties ------------------------------------------------------------------------


def test_gemeente_sees_the_sent_declaraties_of_its_gemeente_only(opzet):
    gm = opzet["gm"]
    assert ids(gm.get(f"{API}/declaraties/")) == sorted(
        [
            opzet["declaratie"].pk,
            opzet["september"].pk,
            opzet["ander"].declaratie.pk,
        ]
    )
    # A concept is the aanbieder's own; another gemeente's declaratie is unknown.
    assert gm.get(f"{API}/declaraties/{opzet['concept'].pk}/").status_code == 404
    vreemd = opzet["vreemd"].declaratie
    assert gm.get(f"{API}/declaraties/{vreemd.pk}/").status_code == 404


def test_aanbieder_sees_its_own_declaraties_only(opzet):
    ab = opzet["ab"]
    assert ids(ab.get(f"{API}/declaraties/")) == sorted(
        [opzet["declaratie"].pk, opzet["september"].pk, opzet["concept"].pk]
    )
    for andere in (opzet["ander"], opzet["vreemd"]):
        url = f"{API}/declaraties/{andere.declaratie.pk}/"
        assert ab.get(url).status_code == 404


def test_declaratie_shows_totals_counts_and_links(opzet):
    declaratie = opzet["declaratie"]
    rij = opzet["gm"].get(f"{API}/declaraties/{declaratie.pk}/").json()
    assert rij["declaratie_nummer"] == declaratie.declaratie_nummer
    assert rij["periode_begin"] == "2026-08-01"
    assert rij["gemeente"] == declaratie.gemeente.code
    assert rij["aanbieder"] == declaratie.aanbieder.agb_code
    assert rij["status"] == DeclaratieStatus.BEANTWOORD
    assert rij["aantal_regels"] == 3
    assert rij["aantal_goedgekeurd"] == 1
    assert rij["aantal_afgekeurd"] == 2
    assert rij["totaal_afgewezen"] == 8500 - 1000  # the credit counts negative
    assert rij["bericht"] is None and rij["antwoord"] is None
    assert rij["prestaties"].endswith(f"/api/prestaties/?declaratie={declaratie.pk}")
    regels = opzet["gm"].get(rij["prestaties"])
    assert ids(regels) == sorted(
        [opzet["goed"].pk, opzet["fout"].pk, opzet["credit"].pk]
    )

    september = opzet["september"]
    rij = opzet["gm"].get(f"{API}/declaraties/{september.pk}/").json()
    assert rij["bericht"].endswith(f"/api/berichten/{september.bericht_id}/")
    assert rij["aantal_regels"] == 0 and rij["totaal_afgewezen"] == 0


def test_declaratie_filters(opzet):
    ab, gm = opzet["ab"], opzet["gm"]
    url = f"{API}/declaraties/"
    september = opzet["september"].pk
    assert ids(ab.get(url, {"status": "ingediend"})) == [september]
    assert ids(ab.get(url, {"status": "concept"})) == [opzet["concept"].pk]
    assert ids(ab.get(url, {"van": "2026-09-01", "tot": "2026-09-30"})) == [september]
    assert ids(ab.get(url, {"tot": "2026-07-31"})) == []
    assert ids(ab.get(url, {"declaratie_nummer": "SEP2026"})) == [september]
    assert ids(ab.get(url, {"declaratie_nummer": "SEP"})) == []  # exact
    ander = opzet["ander"]
    assert ids(gm.get(url, {"aanbieder": ander.aanbieder_id})) == [ander.declaratie_id]
    assert len(ids(gm.get(url, {"gemeente": opzet["tw"].gemeente_id}))) == 3
    # A foreign party in the filter is refused, never shown.
    vreemd = opzet["vreemd"]
    assert ab.get(url, {"aanbieder": ander.aanbieder_id}).status_code == 400
    assert gm.get(url, {"gemeente": vreemd.declaratie.gemeente_id}).status_code == 400
    assert ab.get(url, {"status": "onzin"}).status_code == 400


# --- prestaties -------------------------------------------------------------------------


def test_prestaties_are_scoped_like_their_declaratie(opzet):
    eigen = sorted([opzet["goed"].pk, opzet["fout"].pk, opzet["credit"].pk])
    assert ids(opzet["ab"].get(f"{API}/prestaties/")) == eigen
    assert ids(opzet["gm"].get(f"{API}/prestaties/")) == sorted(
        [*eigen, opzet["ander"].pk]
    )
    for client, andere in ((opzet["ab"], "ander"), (opzet["gm"], "vreemd")):
        url = f"{API}/prestaties/{opzet[andere].pk}/"
        assert client.get(url).status_code == 404


def test_prestatie_filters(opzet):
    ab, gm = opzet["ab"], opzet["gm"]
    url = f"{API}/prestaties/"
    fout, credit = opzet["fout"].pk, opzet["credit"].pk
    declaratie = opzet["declaratie"].pk
    assert len(ids(ab.get(url, {"declaratie": declaratie}))) == 3
    assert ids(ab.get(url, {"declaratie": opzet["september"].pk})) == []
    assert ids(ab.get(url, {"declaratie": opzet["ander"].declaratie_id})) == []
    assert ids(ab.get(url, {"status": "afgekeurd"})) == sorted([fout, credit])
    assert ids(ab.get(url, {"status": "goedgekeurd"})) == [opzet["goed"].pk]
    assert ids(ab.get(url, {"retourcode": "9321"})) == [fout]
    assert ids(ab.get(url, {"retourcode": "8001"})) == []
    assert ids(ab.get(url, {"van": "2026-08-10"})) == [fout]
    assert ids(ab.get(url, {"tot": "2026-07-31"})) == []
    ander = opzet["ander"]
    assert ids(gm.get(url, {"aanbieder": ander.aanbieder_id})) == [ander.pk]
    assert len(ids(gm.get(url, {"gemeente": opzet["tw"].gemeente_id}))) == 4
    vreemd = opzet["vreemd"]
    assert ab.get(url, {"aanbieder": ander.aanbieder_id}).status_code == 400
    gemeente = vreemd.declaratie.gemeente_id
    assert gm.get(url, {"gemeente": gemeente}).status_code == 400


def test_prestatie_shows_its_line_and_dutch_retourcodes(opzet):
    fout = opzet["fout"]
    rij = opzet["ab"].get(f"{API}/prestaties/{fout.pk}/").json()
    assert rij["declaratie"] == fout.declaratie_id
    assert rij["declaratie_nummer"] == fout.declaratie.declaratie_nummer
    assert rij["toewijzing_nummer"] == fout.toewijzing_nummer
    assert (rij["product_categorie"], rij["product_code"]) == (
        fout.product_categorie,
        fout.product_code,
    )
    assert (rij["begindatum"], rij["einddatum"]) == ("2026-08-15", "2026-08-31")
    assert rij["geleverd_volume"] == 10
    assert rij["ingediend_bedrag"] == rij["bedrag"] == 8500
    assert rij["status"] == "afgekeurd"
    assert rij["retourcodes"] == [
        {
            "code": "9321",
            "tekst": codelijsten.omschrijving(codelijsten.RETOURCODE, "9321"),
            "hint": hint("9321"),
        }
    ]
    assert rij["retourcodes"][0]["tekst"] != "9321"  # a Dutch text, not the code
    credit = opzet["ab"].get(f"{API}/prestaties/{opzet['credit'].pk}/").json()
    assert credit["bedrag"] == -1000


def test_bsn_is_masked_in_list_and_detail(opzet):
    bsn = opzet["fout"].bsn
    gemaskeerd = f"*****{bsn[-4:]}"
    for client in (opzet["ab"], opzet["gm"]):
        lijst = client.get(f"{API}/prestaties/")
        assert {row["bsn"] for row in lijst.json()["results"]} >= {gemaskeerd}
        assert bsn not in lijst.content.decode()
        detail = client.get(f"{API}/prestaties/{opzet['fout'].pk}/")
        assert detail.json()["bsn"] == gemaskeerd
        assert bsn not in detail.content.decode()


# --- read-only, login, queries ----------------------------------------------------------


@pytest.mark.parametrize("soort", ["declaraties", "prestaties"])
def test_writing_is_not_allowed(opzet, soort):
    pk = opzet["declaratie"].pk if soort == "declaraties" else opzet["goed"].pk
    for client in (opzet["ab"], opzet["gm"]):
        lijst, detail = f"{API}/{soort}/", f"{API}/{soort}/{pk}/"
        assert (
            client.post(lijst, {}, content_type="application/json").status_code == 405
        )
        for methode in (client.put, client.patch):
            response = methode(detail, {}, content_type="application/json")
            assert response.status_code == 405
        assert client.delete(detail).status_code == 405
    assert Declaratie.objects.count() == 5 and Prestatie.objects.count() == 5


@pytest.mark.parametrize("soort", ["declaraties", "prestaties"])
def test_anonymous_is_refused(opzet, soort):
    pk = opzet["declaratie"].pk if soort == "declaraties" else opzet["goed"].pk
    anoniem = Client()
    assert anoniem.get(f"{API}/{soort}/").status_code == 403
    assert anoniem.get(f"{API}/{soort}/{pk}/").status_code == 403
    assert anoniem.post(f"{API}/{soort}/").status_code == 403


def test_queries_do_not_grow_with_rows(opzet):
    def queries(url) -> int:
        with CaptureQueriesContext(connection) as context:
            assert opzet["gm"].get(url).status_code == 200
        return len(context)

    voor = {url: queries(url) for url in (f"{API}/declaraties/", f"{API}/prestaties/")}
    for _ in range(5):
        PrestatieFactory(
            t=ToewijzingFactory(declarabel=True, client__gemeente=opzet["tw"].gemeente),
            status=PrestatieStatus.AFGEKEURD,
            retourcodes=["9321", "8001"],
        )
    assert {url: queries(url) for url in voor} == voor
