"""Two declaraties with the same DeclaratieNummer arriving at once (PostgreSQL)."""

import hashlib
from datetime import date

from django.db import connection

import pytest

from berichten.models import Bericht
from berichten.verwerking import bericht_verwerken
from berichten.xml import codec
from declaraties.constants import DeclaratieStatus
from declaraties.models import Declaratie
from tests.declaraties.factories import prestatie_bericht, wmo323
from tests.parallel import parallel
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_tr333_same_declaratienummer_at_once_one_accepted_one_9333():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (CI runs these)")
    tw = ToewijzingFactory(declarabel=True)
    juli = {"begin": date(2026, 7, 1), "eind": date(2026, 7, 31)}
    berichten = [
        Bericht.objects.create(
            inhoud=(inhoud := codec.encode(message)),
            sha256=hashlib.sha256(inhoud).hexdigest(),
            kanaal="map",
        )
        for message in (
            wmo323(
                tw.aanbieder,
                tw.gemeente,
                [(tw.client.bsn, [prestatie_bericht(tw, referentie="R1")])],
            ),
            wmo323(
                tw.aanbieder,
                tw.gemeente,
                [(tw.client.bsn, [prestatie_bericht(tw, referentie="R2", **juli)])],
                identificatie="323000000002",
            ),
        )
    ]
    wachtrij = [b.pk for b in berichten]
    resultaten = parallel(lambda: bericht_verwerken(bericht_id=wachtrij.pop()).status)
    # The second is rejected as a whole: kept as such, not taken in.
    assert sorted(resultaten) == ["afgekeurd", "verwerkt"], resultaten
    assert Declaratie.objects.exclude(status=DeclaratieStatus.AFGEKEURD).count() == 1
    antwoorden = [codec.decode(b.retourberichten.get().xml) for b in berichten]
    codes = sorted(a.declaratie_antwoord.retourcodes[0] for a in antwoorden)
    assert codes == ["8001", "9333"]
