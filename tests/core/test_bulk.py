"""core.bulk: many rows in one statement (COPY on PostgreSQL, executemany else)."""

from datetime import date

from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

import pytest

from core.bulk import rijen_invoegen, tabellen_analyseren
from declaraties.models import Prestatie
from tests.declaraties.factories import PrestatieFactory
from tests.scale.explain import statistiek_bijgewerkt

pytestmark = pytest.mark.django_db

VELDEN = [
    "bsn",
    "toewijzing_nummer",
    "product_categorie",
    "product_code",
    "begindatum",
    "einddatum",
    "geleverd_volume",
    "eenheid",
    "product_tarief",
    "ingediend_bedrag",
]


def _rij(voorbeeld: Prestatie, referentie: str, **extra) -> dict:
    return {veld: getattr(voorbeeld, veld) for veld in VELDEN} | {
        "declaratie_id": voorbeeld.declaratie_id,
        "aanbieder": voorbeeld.aanbieder,  # an instance or an id: both work
        "client_id": voorbeeld.client_id,
        "toewijzing": voorbeeld.toewijzing,
        "product_referentie": referentie,
        **extra,
    }


def test_rows_are_stored_as_bulk_create_would_store_them():
    voorbeeld = PrestatieFactory()
    rijen = [
        _rij(voorbeeld, "NIEUW1", retourcodes=["9341"], status="afgekeurd"),
        _rij(voorbeeld, "NIEUW2", vorig_referentie=voorbeeld, debet_credit="C"),
    ]
    assert rijen_invoegen(Prestatie, rijen) == 2

    een, twee = Prestatie.objects.filter(product_referentie__startswith="NIEUW")
    assert (een.status, een.retourcodes) == ("afgekeurd", ["9341"])
    assert twee.vorig_referentie == voorbeeld and twee.debet_credit == "C"
    # Fields left out take their defaults; auto_now_add is set.
    assert (twee.status, twee.retourcodes, twee.is_duplicaat) == ("concept", [], False)
    assert twee.aangemaakt_op is not None
    assert twee.begindatum == date(2026, 8, 1)
    verschil = {
        k
        for k, v in model_to_dict(een, fields=VELDEN).items()
        if v != getattr(voorbeeld, k)
    }
    assert not verschil


def test_one_statement_whatever_the_number_of_rows():
    voorbeeld = PrestatieFactory()
    with CaptureQueriesContext(connection) as vijf:
        rijen_invoegen(Prestatie, [_rij(voorbeeld, f"A{n}") for n in range(5)])
    with CaptureQueriesContext(connection) as vijftig:
        rijen_invoegen(Prestatie, [_rij(voorbeeld, f"B{n}") for n in range(50)])
    assert len(vijf) == len(vijftig) == 1
    assert Prestatie.objects.count() == 56
    assert rijen_invoegen(Prestatie, []) == 0


def test_a_constraint_violation_is_djangos_integrity_error_and_rolls_back():
    voorbeeld = PrestatieFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        rijen_invoegen(
            Prestatie,
            [
                _rij(voorbeeld, "ANDER"),
                _rij(voorbeeld, voorbeeld.product_referentie),  # TR314 constraint
            ],
        )
    assert list(Prestatie.objects.values_list("product_referentie", flat=True)) == [
        voorbeeld.product_referentie
    ]


def test_analyze_gives_the_tables_statistics():
    PrestatieFactory.create_batch(3)
    tabellen_analyseren(Prestatie)
    assert statistiek_bijgewerkt(Prestatie)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="VACUUM and the visibility map"
)
@pytest.mark.django_db(transaction=True)
def test_analyze_after_a_committed_load_also_vacuums_for_index_only_scans():
    PrestatieFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relallvisible FROM pg_class WHERE relname = %s",
            [Prestatie._meta.db_table],
        )
        assert cursor.fetchone()[0] == 0

        tabellen_analyseren(Prestatie)

        cursor.execute(
            "SELECT relallvisible FROM pg_class WHERE relname = %s",
            [Prestatie._meta.db_table],
        )
        assert cursor.fetchone()[0] > 0
    assert statistiek_bijgewerkt(Prestatie)


def test_bytes_schrijven_writes_the_raw_bytes_in_the_transaction():
    from berichten.models import Bericht
    from core.bulk import bytes_schrijven
    from tests.berichten.factories import BerichtFactory

    bericht = BerichtFactory()
    inhoud = bytes(range(256)) * 1000 + b"<Bericht/>"
    bytes_schrijven(bericht, "inhoud", inhoud)
    assert bericht.xml == inhoud
    assert Bericht.objects.get(pk=bericht.pk).xml == inhoud

    with pytest.raises(RuntimeError), transaction.atomic():
        bytes_schrijven(bericht, "inhoud", b"weg")
        raise RuntimeError
    assert Bericht.objects.get(pk=bericht.pk).xml == inhoud


def test_an_empty_json_list_given_is_stored_as_an_empty_list():
    voorbeeld = PrestatieFactory()
    rijen_invoegen(
        Prestatie,
        [
            _rij(voorbeeld, "LEEG", retourcodes=[]),
            _rij(voorbeeld, "VOL", retourcodes=["8021", "9341"]),
        ],
    )
    opgeslagen = dict(
        Prestatie.objects.filter(product_referentie__in=["LEEG", "VOL"]).values_list(
            "product_referentie", "retourcodes"
        )
    )
    assert opgeslagen == {"LEEG": [], "VOL": ["8021", "9341"]}
    assert Prestatie.objects.filter(product_referentie="LEEG", retourcodes=[]).exists()
