"""A batch of WMO301 files through `iwmo_import`: the queries per file do not grow
with the batch, and the reference data is read once per import."""

from datetime import date
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from freezegun import freeze_time

from berichten.constants import BerichtStatus
from berichten.models import Bericht
from berichten.xml import codec
from tests.berichten.buitenpartijen import Partijen, toegewezen, wmo301
from tests.toewijzingen.factories import geldig_bsn
from toewijzingen.models import Toewijzing

pytestmark = pytest.mark.django_db

DAG = date(2026, 9, 1)


def _importeer(p: Partijen, eerste: int, aantal: int) -> int:
    """`aantal` 301s for new cliënten in one import; its number of queries."""
    map_ = p.inbox / f"batch{eerste}"
    map_.mkdir()
    for n in range(eerste, eerste + aantal):
        message = wmo301(
            p,
            geldig_bsn(700 + n),
            [toegewezen(800 + n, p.product, ingangsdatum=DAG)],
            DAG,
        )
        (map_ / f"wmo301_{n}.xml").write_bytes(codec.encode(message))
    with CaptureQueriesContext(connection) as queries:
        call_command(
            "iwmo_import",
            str(map_),
            "--namens",
            f"gemeente:{p.gemeente.code}",
            stdout=StringIO(),
        )
    return len(queries)


def test_301_batch_import_costs_the_same_queries_per_file(partijen):
    p = partijen
    p.gemeente.via_portaal = False  # its own software: the 302s wait in the outbox
    p.gemeente.save()
    with freeze_time("2026-09-01 10:00"):
        _importeer(p, 0, 1)  # the first message makes the retour counter
        twee, vier, zes = (_importeer(p, n * 10, n) for n in (2, 4, 6))
    assert vier - twee == zes - vier  # each file costs the same
    # 28 on PostgreSQL inside a test's transaction (its savepoints count); 29
    # when the header was written by an UPDATE after the INSERT; 32 when the retour
    # counter was an UPDATE and a read in a savepoint; 45 when the gemeente,
    # aanbieder, product and contract were read per file.
    assert (vier - twee) / 2 <= 28
    assert Toewijzing.objects.count() == 1 + 2 + 4 + 6
    assert not Bericht.objects.filter(bericht_type="WMO301").exclude(
        status=BerichtStatus.VERWERKT
    )
