"""Storing a message: one INSERT with its header, then the raw file. Processing
saves what it changed: never the raw file, after a read or a save only the fields
that changed since."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from berichten import verwerking
from berichten.constants import BerichtStatus, Kanaal
from berichten.kanaal import Partij
from berichten.models import Bericht
from berichten.services import bericht_ontvangen, bericht_opslaan
from berichten.verwerking import _bewaar, _onthoud
from berichten.xml import codec
from tests.berichten.buitenpartijen import toegewezen, wmo301
from tests.berichten.factories import BerichtFactory
from tests.toewijzingen.factories import geldig_bsn

pytestmark = pytest.mark.django_db

DAG = date(2026, 9, 1)


def _updates(doe) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        doe()
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def test_after_a_read_only_the_changed_fields_are_written():
    bericht = Bericht.objects.get(pk=BerichtFactory(status=BerichtStatus.ONTVANGEN).pk)
    _onthoud(bericht)
    bericht.status = BerichtStatus.AFGEKEURD
    bericht.foutmelding = "Afgekeurd."

    [sql] = _updates(lambda: _bewaar(bericht))

    zet = sql.split(" SET ")[1].split(" WHERE ")[0]
    assert '"status"' in zet and '"foutmelding"' in zet
    assert '"afzender"' not in zet and '"inhoud"' not in zet
    bericht.refresh_from_db()
    assert (bericht.status, bericht.foutmelding) == ("afgekeurd", "Afgekeurd.")


def test_without_a_remembered_state_every_field_but_the_raw_file_is_written():
    bericht = Bericht.objects.get(pk=BerichtFactory().pk)
    bericht.status = BerichtStatus.FOUT

    [sql] = _updates(lambda: _bewaar(bericht))

    zet = sql.split(" SET ")[1].split(" WHERE ")[0]
    assert '"afzender"' in zet and '"inhoud"' not in zet


def test_a_list_changed_in_place_is_written_and_nothing_changed_writes_nothing():
    bericht = Bericht.objects.get(pk=BerichtFactory(bevindingen=[]).pk)
    _onthoud(bericht)
    assert _updates(lambda: _bewaar(bericht)) == []

    bericht.bevindingen.append({"regel": "TR056"})
    [sql] = _updates(lambda: _bewaar(bericht))

    assert '"bevindingen"' in sql
    bericht.refresh_from_db()
    assert bericht.bevindingen == [{"regel": "TR056"}]


def test_an_inbound_file_is_stored_with_its_header_in_one_insert(partijen):

    p = partijen
    inhoud = codec.encode(
        wmo301(p, geldig_bsn(5), [toegewezen(5, p.product, ingangsdatum=DAG)], DAG)
    )
    with CaptureQueriesContext(connection) as queries:
        bericht = bericht_opslaan(
            inhoud=inhoud, kanaal=Kanaal.MAP, namens=Partij(gemeente=p.gemeente)
        )
    schrijven = [
        q["sql"].split(" ")[0]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert schrijven == ["INSERT", "UPDATE"]  # the row with its header, the file
    bericht.refresh_from_db()
    assert (bericht.bericht_type, bericht.gemeente, bericht.aanbieder) == (
        "WMO301",
        p.gemeente,
        p.aanbieder,
    )
    assert bytes(bericht.inhoud) == inhoud


def test_processing_in_the_same_process_reads_the_tree_storing_parsed(
    partijen, monkeypatch
):
    p = partijen
    inhoud = codec.encode(
        wmo301(p, geldig_bsn(6), [toegewezen(6, p.product, ingangsdatum=DAG)], DAG)
    )
    gelezen = []
    echt = verwerking.parse
    monkeypatch.setattr(
        verwerking, "parse", lambda data: gelezen.append(bytes(data)) or echt(data)
    )

    bericht = bericht_ontvangen(
        inhoud=inhoud, kanaal=Kanaal.MAP, namens=Partij(gemeente=p.gemeente)
    )

    assert bericht.status == BerichtStatus.VERWERKT
    assert inhoud not in gelezen  # parsed once, when it was stored
    verwerking.bericht_verwerken(bericht_id=bericht.pk)  # done: nothing again
    assert inhoud not in gelezen
