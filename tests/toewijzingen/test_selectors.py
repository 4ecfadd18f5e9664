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


def test_toewijzing_list_shows_the_302_of_the_last_301():
    from tests.berichten.factories import BerichtFactory
    from tests.core.factories import gemeente_user

    zonder = ToewijzingFactory()
    user = gemeente_user(zonder.gemeente)
    met_codes, leeg = (
        ToewijzingFactory(client__gemeente=zonder.gemeente, aanbieder=zonder.aanbieder)
        for _ in range(2)
    )
    for tw in (zonder, met_codes, leeg):
        tw.bericht = BerichtFactory(gemeente=tw.gemeente, aanbieder=tw.aanbieder)
        tw.save(update_fields=["bericht"])
    BerichtFactory(
        bericht_type="WMO302", heenbericht=met_codes.bericht, retourcodes=["0200"]
    )
    BerichtFactory(
        bericht_type="WMO302", heenbericht=met_codes.bericht, retourcodes=["8001"]
    )  # the newest retour counts
    BerichtFactory(bericht_type="WMO302", heenbericht=leeg.bericht, retourcodes=[])

    rijen = {t.pk: t for t in selectors.toewijzing_list(user=user)}
    assert (rijen[zonder.pk].retour_ontvangen, rijen[zonder.pk].retour_retourcodes) == (
        False,
        None,
    )
    assert rijen[met_codes.pk].retour_ontvangen is True
    assert rijen[met_codes.pk].retour_retourcodes == ["8001"]
    assert (rijen[leeg.pk].retour_ontvangen, rijen[leeg.pk].retour_retourcodes) == (
        True,
        [],
    )
