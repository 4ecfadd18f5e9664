"""TR385: no intrekken or deletion of a toewijzing with approved, uncredited lines."""

from datetime import date

import pytest

from core.exceptions import ApplicationError
from declaraties.constants import DebetCredit, PrestatieStatus
from tests.core.factories import gemeente_user
from tests.declaraties.factories import PrestatieFactory
from toewijzingen import selectors, services

AUG = date(2026, 8, 1)


@pytest.fixture
def toewijzing(opzet):
    return services.toewijzing_aanmaken(
        user=opzet.gemeente_user,
        client=opzet.client,
        gegevens=services.ToewijzingGegevens(
            aanbieder=opzet.aanbieder,
            product=opzet.product,
            ingangsdatum=AUG,
            prijsvorm="onderhoud",
        ),
    )


def _crediteer(debet):
    return PrestatieFactory(
        t=debet.toewijzing,
        vorig_referentie=debet,
        debet_credit=DebetCredit.CREDIT,
        begindatum=debet.begindatum,
        einddatum=debet.einddatum,
    )


def _intrekken(opzet, toewijzing, einddatum):
    return services.toewijzing_intrekken(
        user=opzet.gemeente_user,
        toewijzing=toewijzing,
        einddatum=einddatum,
        reden_wijziging="05",
    )


def test_tr385_no_intrekken_over_approved_uncredited_lines(opzet, toewijzing):
    debet = PrestatieFactory(t=toewijzing)  # August, approved
    PrestatieFactory(t=toewijzing, status=PrestatieStatus.AFGEKEURD)  # does not count
    assert list(selectors.goedgekeurd_niet_gecrediteerd(toewijzing)) == [debet]
    with pytest.raises(ApplicationError, match="TR385") as exc:
        _intrekken(opzet, toewijzing, date(2026, 8, 15))
    assert "1 goedgekeurde declaratieregel" in exc.value.message
    toewijzing.refresh_from_db()
    assert toewijzing.beeindigd_op is None
    # Once credited, the intrekking goes through.
    _crediteer(debet)
    assert not selectors.goedgekeurd_niet_gecrediteerd(toewijzing).exists()
    _intrekken(opzet, toewijzing, date(2026, 8, 15))
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 8, 15)


def test_tr385_intrekken_after_the_declared_periods_is_allowed(opzet, toewijzing):
    PrestatieFactory(t=toewijzing)  # August
    _intrekken(opzet, toewijzing, date(2026, 8, 31))
    toewijzing.refresh_from_db()
    assert toewijzing.beeindigd_op is not None


def test_tr385_no_deletion_reden_13_with_approved_lines(opzet, toewijzing):
    debet = PrestatieFactory(t=toewijzing)

    def verwijderen():
        return services.toewijzing_wijzigen(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            reden_wijziging="13",
            wijzigingen={"einddatum": AUG},
        )

    with pytest.raises(ApplicationError, match="TR385"):
        verwijderen()
    _crediteer(debet)
    assert verwijderen().reden_wijziging == "13"


def test_tr385_intrekken_screen_says_why(client, opzet, toewijzing):
    PrestatieFactory(t=toewijzing)
    client.force_login(gemeente_user(opzet.gemeente))
    response = client.post(
        f"/toewijzingen/{toewijzing.pk}/intrekken/",
        {"einddatum": "2026-08-15", "reden_wijziging": "05"},
    )
    assert response.status_code == 200
    assert "niet worden ingetrokken" in response.content.decode()
    assert "eerst crediteren" in response.content.decode()
