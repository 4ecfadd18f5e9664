"""core.lookups.InLijst: `veld IN (…)` for long lists, one array parameter on PostgreSQL."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.lookups import InLijst
from tests.toewijzingen.factories import LeveringFactory, ToewijzingFactory
from toewijzingen.models import Levering, Toewijzing

pytestmark = pytest.mark.django_db


def test_in_lijst_finds_the_same_rows_as_in():
    toewijzingen = ToewijzingFactory.create_batch(3)
    nummers = [toewijzingen[0].toewijzing_nummer, toewijzingen[2].toewijzing_nummer]
    assert set(Toewijzing.objects.filter(InLijst("toewijzing_nummer", nummers))) == (
        set(Toewijzing.objects.filter(toewijzing_nummer__in=nummers))
    )


def test_in_lijst_of_nothing_finds_nothing():
    ToewijzingFactory()
    assert not Toewijzing.objects.filter(InLijst("toewijzing_nummer", [])).exists()
    assert not Toewijzing.objects.filter(InLijst("referentie_aanbieder", [])).exists()


def test_in_lijst_on_a_relation_and_on_text():
    levering = LeveringFactory(toewijzing__referentie_aanbieder="REF-1")
    ToewijzingFactory(referentie_aanbieder="REF-2")
    t = levering.toewijzing
    assert list(Levering.objects.filter(InLijst("toewijzing_id", {t.pk}))) == [levering]
    gevonden = Toewijzing.objects.filter(
        InLijst("referentie_aanbieder", ["REF-1", "X'; --"])
    )
    assert list(gevonden) == [t]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_in_lijst_sends_one_parameter_whatever_the_length():
    with CaptureQueriesContext(connection) as queries:
        list(Toewijzing.objects.filter(InLijst("toewijzing_nummer", range(5000))))
    [query] = queries.captured_queries
    assert "= ANY(" in query["sql"] and query["sql"].count(",") < 5100
