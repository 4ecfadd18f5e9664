"""Speed: the gemeente's check of a 323 runs a fixed number of queries, whatever its size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from berichten.constants import Kanaal
from berichten.models import Bericht
from declaraties.checks import controleer_declaratie
from declaraties.handlers import verwerk_declaratie
from tests.declaraties.factories import PrestatieFactory, prestatie_bericht, wmo323
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


def _message(aantal: int, nummer: str):
    gemeente, aanbieder = GemeenteFactory(), AanbiederFactory()
    toewijzingen = [
        ToewijzingFactory(
            declarabel=True, client__gemeente=gemeente, aanbieder=aanbieder
        )
        for _ in range(aantal)
    ]
    PrestatieFactory(
        t=toewijzingen[0], product_referentie=f"{nummer}-0"
    )  # an earlier line: 8021 / 9389
    message = wmo323(
        aanbieder,
        gemeente,
        [
            (t.client.bsn, [prestatie_bericht(t, referentie=f"{nummer}-{i}")])
            for i, t in enumerate(toewijzingen)
        ],
        nummer=nummer,
    )
    return message, gemeente, aanbieder


def _queries(functie) -> int:
    """Queries other than the row inserts, which go in batches of the database's
    parameter limit (SQLite: about 45 Prestaties per INSERT)."""
    with CaptureQueriesContext(connection) as context:
        functie()
    return sum(
        not q["sql"].startswith('INSERT INTO "declaraties_prestatie"')
        for q in context.captured_queries
    )


def test_check_queries_do_not_grow_with_prestaties():
    klein, groot = _message(5, "K"), _message(50, "G")
    aantallen = [
        _queries(lambda m=m: controleer_declaratie(m[0], gemeente=m[1], aanbieder=m[2]))
        for m in (klein, groot)
    ]
    assert aantallen[0] == aantallen[1]


def test_handler_queries_do_not_grow_with_prestaties():
    aantallen = []
    for aantal, nummer in ((5, "K"), (50, "G")):
        message, gemeente, aanbieder = _message(aantal, nummer)
        bericht = Bericht.objects.create(
            bericht_type="WMO323",
            kanaal=Kanaal.UPLOAD,
            inhoud=b"",
            sha256="",
            gemeente=gemeente,
            aanbieder=aanbieder,
        )
        aantallen.append(
            _queries(
                lambda b=bericht, m=message: verwerk_declaratie(bericht=b, message=m)
            )
        )
    assert aantallen[0] == aantallen[1]
