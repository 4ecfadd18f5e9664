"""Counters for generated numbers (parallel use: test_concurrency.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from berichten.models import Nummering
from berichten.nummering import volgend_nummer

pytestmark = pytest.mark.django_db


def test_a_new_counter_starts_at_one_and_counts_on():
    assert [volgend_nummer("teller:a") for _ in range(3)] == [1, 2, 3]
    assert volgend_nummer("teller:b") == 1
    assert Nummering.objects.get(sleutel="teller:a").laatste == 3


def test_a_counter_is_raised_and_read_in_one_statement():
    volgend_nummer("een-statement")  # the counter is made
    with CaptureQueriesContext(connection) as queries:
        assert volgend_nummer("een-statement") == 2
    [sql] = [q["sql"] for q in queries.captured_queries]
    assert sql.startswith("UPDATE") and "RETURNING" in sql
