"""On PostgreSQL, an index serves every query of the main list pages and API lists.

With `enable_seqscan = off` the planner only picks a sequential scan when no index
can serve the query; such a scan of a large table (tests/scale/explain.py) fails.
The urls are the pages in their default order, with sorteringen and filters.
"""

from django.db import connection

import pytest

from demo.declaraties import load_demo_declaraties
from demo.large_dataset import load_large_dataset
from demo.stamgegevens import load_demo_data
from demo.toewijzingen import load_demo_toewijzingen
from tests.scale.explain import gebruiker, indexen, plan, queries_van, seq_scans

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"
    ),
]

GEMEENTE_URLS = [
    "/toewijzingen/",
    "/toewijzingen/?sortering=nummer",
    "/toewijzingen/?sortering=-ingang",
    "/toewijzingen/?bsn={bsn}",
    "/toewijzingen/clienten/",
    "/toewijzingen/clienten/?sortering=-actueel",
    "/toewijzingen/clienten/?zoek={bsn}",
    "/toewijzingen/verzoeken/",
    "/berichten/",
    "/berichten/?bsn={bsn}",
    "/declaraties/",
    "/declaraties/?sortering=-regels",
    "/declaraties/?status=beantwoord",
    "/declaraties/start-ontbreekt/",
    "/api/toewijzingen/",
    "/api/clienten/",
    "/api/leveringen/",
    "/api/berichten/",
    "/api/declaraties/",
    "/api/prestaties/?declaratie={declaratie}",
]
AANBIEDER_URLS = [
    "/toewijzingen/",
    "/toewijzingen/?sortering=-nummer",
    "/toewijzingen/clienten/",
    "/toewijzingen/verzoeken/",
    "/berichten/",
    "/declaraties/",
    "/declaraties/?sortering=afgewezen",
    "/declaraties/afgekeurd/",
    "/declaraties/afgekeurd/?sortering=-periode",
    "/api/toewijzingen/",
    "/api/clienten/",
    "/api/berichten/",
    "/api/declaraties/",
    "/api/prestaties/?status=afgekeurd",
]


@pytest.fixture
def grote_dataset(db):
    load_demo_data()
    load_demo_toewijzingen()
    load_demo_declaraties()
    load_large_dataset(clienten=300, toewijzingen=1000, prestaties=5000, aanbieders=5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _waarden(user) -> dict:
    from declaraties.models import Declaratie
    from toewijzingen.models import Client

    client = Client.objects.visible_to(user).order_by("id").first()
    declaratie = Declaratie.objects.visible_to(user).order_by("id").first()
    return {"bsn": client.bsn, "declaratie": declaratie.pk}


def _scans_zonder_index(username: str, urls: list[str]) -> list[tuple]:
    user = gebruiker(username)
    waarden = _waarden(user)
    gevonden = []
    for url in urls:
        url = url.format(**waarden)
        for sql in queries_van(user, url):
            with connection.cursor() as cursor:
                cursor.execute("SET enable_seqscan = off")
            try:
                tabellen = seq_scans(plan(sql))
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("RESET enable_seqscan")
            if tabellen:
                gevonden.append((url, tabellen, sql[:400]))
    return gevonden


def test_gemeente_lists_scan_no_large_table_sequentially(grote_dataset):
    assert _scans_zonder_index("gemeente", GEMEENTE_URLS) == []


def test_aanbieder_lists_scan_no_large_table_sequentially(grote_dataset):
    assert _scans_zonder_index("aanbieder", AANBIEDER_URLS) == []


def _gebruikte_indexen(username: str, url: str) -> set[str]:
    namen = set()
    for sql in queries_van(gebruiker(username), url):
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
        try:
            namen |= indexen(plan(sql))
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan")
    return namen


@pytest.mark.parametrize(
    "username, url, index",
    [
        ("gemeente", "/declaraties/start-ontbreekt/", "prestatie_start_ontbreekt"),
        ("gemeente", "/declaraties/", "prestatie_declaratie_status"),
        ("aanbieder", "/declaraties/afgekeurd/", "prestatie_aanbieder_status"),
        ("gemeente", "/toewijzingen/", "levering_actueel"),
    ],
)
def test_list_page_uses_its_index(grote_dataset, username, url, index):
    assert index in _gebruikte_indexen(username, url)
