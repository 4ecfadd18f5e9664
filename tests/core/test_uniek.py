"""`enige_of_geen`: the row of a unique key, without `.first()`'s sort."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.uniek import enige_of_geen
from stamgegevens.models import Aanbieder
from tests.stamgegevens.factories import AanbiederFactory

pytestmark = pytest.mark.django_db


def test_the_row_of_the_key_or_none_and_no_order_by():
    aanbieder = AanbiederFactory()
    with CaptureQueriesContext(connection) as queries:
        gevonden = enige_of_geen(Aanbieder.objects.filter(agb_code=aanbieder.agb_code))
    assert gevonden == aanbieder
    assert "ORDER BY" not in queries.captured_queries[0]["sql"]
    assert enige_of_geen(Aanbieder.objects.filter(agb_code="00000000")) is None
