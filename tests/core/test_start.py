"""The start page's work counts (core.start.werkvoorraad): kept a while, per party."""

from django.core.cache import cache
from django.test import Client

import pytest

from tests.factories import gemeente_user
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


def _nieuw(user) -> int:
    client = Client()
    client.force_login(user)
    return client.get("/").context["aantal_nieuwe_toewijzingen"]


def test_counts_are_kept_for_start_cache_seconden_per_party(settings):
    settings.START_CACHE_SECONDEN = 60
    eerste = ToewijzingFactory()  # nieuw: no start yet
    a = gemeente_user(eerste.gemeente)
    b = gemeente_user(ToewijzingFactory(gestart=True).gemeente)
    assert (_nieuw(a), _nieuw(b)) == (1, 0)  # each party its own counts

    ToewijzingFactory(client=eerste.client, aanbieder=eerste.aanbieder)
    assert _nieuw(a) == 1  # still the kept count
    cache.clear()
    assert _nieuw(a) == 2


def test_counts_are_fresh_when_not_kept(settings):
    settings.START_CACHE_SECONDEN = 0
    eerste = ToewijzingFactory()
    a = gemeente_user(eerste.gemeente)
    assert _nieuw(a) == 1
    ToewijzingFactory(client=eerste.client, aanbieder=eerste.aanbieder)
    assert _nieuw(a) == 2
