"""The start page's kept counts are fresh right after a user's own action: a
committed write marks the party's kept row stale, a refused one does not."""

from django.test import Client as Browser

import pytest

from core.models import Werkvoorraad
from tests.toewijzingen.factories import LeveringFactory

pytestmark = pytest.mark.django_db


def ingelogd(user) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def nieuwe_toewijzingen(browser) -> int:
    return browser.get("/").context["aantal_nieuwe_toewijzingen"]


def test_counts_are_fresh_after_the_start_is_reported(
    opzet, settings, django_capture_on_commit_callbacks
):
    settings.START_CACHE_SECONDEN = 600
    gemeente = ingelogd(opzet.gemeente_user)
    aanbieder = ingelogd(opzet.aanbieder_user)
    assert nieuwe_toewijzingen(gemeente) == 1
    assert nieuwe_toewijzingen(aanbieder) == 1
    toewijzing = opzet.zonder_start
    with django_capture_on_commit_callbacks(execute=True):
        response = aanbieder.post(
            f"/toewijzingen/{toewijzing.pk}/start/",
            {
                "begindatum": toewijzing.ingangsdatum.isoformat(),
                "status_aanlevering": "1",
            },
        )
    assert response.status_code == 302
    # Both parties' kept counts, without waiting for the beat refresh.
    assert nieuwe_toewijzingen(aanbieder) == 0
    assert nieuwe_toewijzingen(gemeente) == 0


def test_a_refused_action_leaves_the_kept_counts_alone(
    opzet, settings, django_capture_on_commit_callbacks
):
    settings.START_CACHE_SECONDEN = 600
    aanbieder = ingelogd(opzet.aanbieder_user)
    nieuwe_toewijzingen(aanbieder)
    berekend = Werkvoorraad.objects.get().berekend_op
    toewijzing = opzet.zonder_start
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = aanbieder.post(
            f"/toewijzingen/{toewijzing.pk}/start/",
            {"begindatum": "1999-01-01", "status_aanlevering": "1"},
        )
    assert response.status_code == 200  # refused with its reason
    assert callbacks == []
    assert Werkvoorraad.objects.get().berekend_op == berekend


def test_writes_outside_a_request_are_left_to_the_beat_refresh(
    opzet, settings, django_capture_on_commit_callbacks
):
    """Message processing by a worker does not make a busy party recount on
    every visit: core.werkvoorraad_verversen (beat, 30 s) picks it up."""
    settings.START_CACHE_SECONDEN = 600
    aanbieder = ingelogd(opzet.aanbieder_user)
    assert nieuwe_toewijzingen(aanbieder) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        LeveringFactory(toewijzing=opzet.zonder_start)
    assert callbacks == []
    assert nieuwe_toewijzingen(aanbieder) == 1  # the kept count, until the beat
