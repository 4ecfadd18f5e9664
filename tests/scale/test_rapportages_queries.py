"""The dashboards run as many queries for 1,000 rows of each kind as for 10: every
figure is grouped in the database or read from the summary (rapportages/selectors/)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from rapportages import samenvatting
from rapportages.models import Budget
from tests.scale import bulk

pytestmark = pytest.mark.django_db

PAGINAS = [("get", "/rapportages/"), ("post", "/rapportages/export.xlsx")]


def _meting(gebruikers) -> dict[tuple[str, str], int]:
    uitkomst = {}
    for naam, user in gebruikers.items():
        client = Client()
        client.force_login(user)
        for methode, url in PAGINAS:
            getattr(client, methode)(url)  # warm up: session, codelists
            with CaptureQueriesContext(connection) as queries:
                antwoord = getattr(client, methode)(url)
            assert antwoord.status_code == 200, (naam, url, antwoord.status_code)
            uitkomst[naam, url] = len(queries)
            if methode == "get":  # the figures hold the rows: something ingediend
                rijen = antwoord.context["tabellen"][0].rijen
                assert any(rij[2] for rij in rijen), (naam, rijen)
    return uitkomst


def test_dashboard_queries_do_not_grow_with_rows():
    w = bulk.wereld()
    for jaar in (2025, 2026, 2027):
        Budget.objects.create(contract=w.contract, jaar=jaar, bedrag=1_000_000)
    gebruikers = {"gemeente": w.gemeente_user, "aanbieder": w.aanbieder_user}
    bulk.vul(w, 10)
    samenvatting.alles_opbouwen()  # bulk rows carry no signals, as the demo loader
    klein = _meting(gebruikers)
    bulk.vul(w, 990, begin=10)
    samenvatting.alles_opbouwen()
    groot = _meting(gebruikers)
    assert klein == groot
