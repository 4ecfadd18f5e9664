"""Concurrency and crash safety of message processing, on PostgreSQL (row locks).

SQLite serialises writers itself and has no SELECT … FOR UPDATE; these tests need
real parallel transactions, so they run where DATABASE_URL points at PostgreSQL (CI).
"""

import threading

from django.db import connection

import pytest

from berichten import registry
from berichten.constants import BerichtStatus
from berichten.models import Bericht
from berichten.nummering import volgend_nummer
from berichten.verwerking import bericht_verwerken
from tests.berichten.factories import sample, sample_partijen
from tests.parallel import parallel

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (CI runs these)")


def _stored(naam: str) -> Bericht:
    import hashlib

    inhoud = sample(naam)
    return Bericht.objects.create(
        inhoud=inhoud, sha256=hashlib.sha256(inhoud).hexdigest(), kanaal="map"
    )


def test_same_message_processed_by_two_workers_at_once_is_processed_once():
    sample_partijen()
    bericht = _stored("WMO305")
    resultaten = parallel(lambda: bericht_verwerken(bericht_id=bericht.pk).status)
    assert all(not isinstance(r, Exception) for r in resultaten), resultaten
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERWERKT
    assert bericht.pogingen == 1
    assert (
        Bericht.objects.filter(heenbericht=bericht, bericht_type="WMO306").count() == 1
    )


def test_two_copies_of_one_message_at_once_one_processed_one_9056():
    sample_partijen()
    eerste, tweede = _stored("WMO305"), _stored("WMO305")
    resultaten = _parallel_pair(eerste.pk, tweede.pk)
    assert all(not isinstance(r, Exception) for r in resultaten), resultaten
    statussen = sorted(
        Bericht.objects.get(pk=pk).status for pk in (eerste.pk, tweede.pk)
    )
    assert statussen == [BerichtStatus.AFGEKEURD, BerichtStatus.VERWERKT]
    dubbel = Bericht.objects.get(pk__in=[eerste.pk, tweede.pk], is_duplicaat=True)
    assert dubbel.bevindingen[0]["retourcode"] == "9056"


def _parallel_pair(*pks: int) -> list:
    queue = list(pks)
    lock = threading.Lock()

    def next_one():
        with lock:
            pk = queue.pop()
        return bericht_verwerken(bericht_id=pk).status

    return parallel(next_one, aantal=len(pks))


def test_generated_numbers_stay_unique_under_parallel_use():
    nummers = parallel(
        lambda: [volgend_nummer("toewijzingnummer:0059") for _ in range(20)], aantal=4
    )
    alle = [n for reeks in nummers for n in reeks]
    assert sorted(alle) == list(range(1, 81))


def test_worker_killed_mid_processing_leaves_no_partial_rows_and_retry_completes(
    monkeypatch,
):
    sample_partijen()
    bericht = _stored("WMO305")
    echte_handler = registry.handler_for("WMO305")

    def gedood(**kwargs):
        echte_handler(**kwargs)
        volgend_nummer("half-verwerkt")  # a row written inside the transaction …
        raise SystemExit("worker killed")  # … and the process dies before COMMIT

    monkeypatch.setitem(registry._handlers, "WMO305", gedood)
    with pytest.raises(SystemExit):
        bericht_verwerken(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.ONTVANGEN  # still waiting: retryable
    assert not Bericht.objects.filter(heenbericht=bericht).exists()
    from berichten.models import Nummering

    assert not Nummering.objects.filter(sleutel="half-verwerkt").exists()

    monkeypatch.setitem(registry._handlers, "WMO305", echte_handler)
    assert bericht_verwerken(bericht_id=bericht.pk).status == BerichtStatus.VERWERKT
    assert (
        Bericht.objects.filter(heenbericht=bericht, bericht_type="WMO306").count() == 1
    )
