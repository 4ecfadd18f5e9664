"""The status filter (selectors.status_q) finds exactly the rows whose computed
status (selectors.met_status) is that status."""

from datetime import date

import pytest

from tests.toewijzingen.factories import LeveringFactory, ToewijzingFactory
from toewijzingen import selectors
from toewijzingen.constants import StatusAanlevering, ToewijzingStatus
from toewijzingen.models import Toewijzing

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 11, 30)


@pytest.fixture
def een_van_elk() -> dict[str, Toewijzing]:
    gestopt = LeveringFactory(
        stop=True, toewijzing=ToewijzingFactory(gestart=True)
    ).toewijzing
    # A start that was sent again as a correction does not count.
    gecorrigeerd = ToewijzingFactory()
    LeveringFactory(toewijzing=gecorrigeerd, vervallen=True)
    LeveringFactory(
        toewijzing=gecorrigeerd, status_aanlevering=StatusAanlevering.VERWIJDEREN
    )
    return {
        ToewijzingStatus.NIEUW: ToewijzingFactory(),
        "nieuw, start vervallen": gecorrigeerd,
        ToewijzingStatus.GESTART: ToewijzingFactory(gestart=True),
        ToewijzingStatus.GESTOPT: gestopt,
        ToewijzingStatus.BEEINDIGD: ToewijzingFactory(beeindigd=True, gestart=True),
        ToewijzingStatus.VERLOPEN: ToewijzingFactory(verlopen=True, gestart=True),
    }


@pytest.mark.parametrize("status", ToewijzingStatus.values)
def test_status_filter_matches_the_computed_status(een_van_elk, status):
    berekend = {
        t.pk
        for t in selectors.met_status(Toewijzing.objects.all(), vandaag=VANDAAG)
        if t.status == status
    }
    gefilterd = set(
        Toewijzing.objects.filter(
            selectors.status_q(status, vandaag=VANDAAG)
        ).values_list("pk", flat=True)
    )
    assert gefilterd == berekend
    assert een_van_elk[status].pk in gefilterd
    if status == ToewijzingStatus.NIEUW:
        assert een_van_elk["nieuw, start vervallen"].pk in gefilterd


def test_unknown_status_filters_everything_out(een_van_elk):
    assert not Toewijzing.objects.filter(selectors.status_q("onbekend")).exists()
