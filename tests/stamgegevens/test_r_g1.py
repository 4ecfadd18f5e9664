"""R-G1: a stamgegevens change has an ingangsdatum and takes effect on it, not at
approval; IBAN and AGB changes need two different contract managers (four eyes);
every gemeente with a contract with the aanbieder sees the change."""

from datetime import date, timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest
from freezegun import freeze_time

from core.exceptions import ApplicationError
from stamgegevens import services, tasks
from stamgegevens.constants import WijzigingStatus
from stamgegevens.models import Aanbieder
from stamgegevens.selectors import history_of
from tests.core.factories import aanbieder_user, gemeente_user
from tests.stamgegevens.factories import ContractFactory, GemeenteFactory

pytestmark = pytest.mark.django_db

OUD_IBAN = "NL91ABNA0417164300"
NIEUW_IBAN = "NL20INGB0001234567"
VANDAAG = date(2026, 8, 28)


@pytest.fixture(autouse=True)
def nu():
    with freeze_time("2026-08-28 10:00:00") as frozen:
        yield frozen


@pytest.fixture
def partijen(contract):
    return {
        "aanbieder": contract.aanbieder,
        "medewerker": aanbieder_user(contract.aanbieder),
        "eerste": gemeente_user(contract.gemeente),
        "tweede": gemeente_user(contract.gemeente),
    }


def _indienen(partijen, ingangsdatum=None, **wijzigingen):
    return services.wijzigingsverzoek_indienen(
        user=partijen["medewerker"],
        aanbieder=partijen["aanbieder"],
        wijzigingen=wijzigingen or {"iban": NIEUW_IBAN},
        ingangsdatum=ingangsdatum,
    )


def _iban() -> str:
    return Aanbieder.objects.get().iban


def test_r_g1_four_eyes_iban_needs_two_different_contract_managers(partijen):
    verzoek = _indienen(partijen)
    eerste = services.wijzigingsverzoek_goedkeuren(
        user=partijen["eerste"], verzoek=verzoek
    )
    # The first approval records, nothing changes yet.
    assert eerste.status == WijzigingStatus.EERSTE_AKKOORD
    assert eerste.eerste_akkoord_door == partijen["eerste"]
    assert _iban() == OUD_IBAN
    # The same person twice is refused.
    with pytest.raises(ApplicationError, match="tweede, andere contractmanager"):
        services.wijzigingsverzoek_goedkeuren(user=partijen["eerste"], verzoek=verzoek)
    assert _iban() == OUD_IBAN
    # A second, different contract manager applies it.
    tweede = services.wijzigingsverzoek_goedkeuren(
        user=partijen["tweede"], verzoek=verzoek
    )
    assert tweede.status == WijzigingStatus.GOEDGEKEURD
    assert tweede.beoordeeld_door == partijen["tweede"]
    assert _iban() == NIEUW_IBAN
    # History shows who approved.
    laatste = history_of(Aanbieder.objects.get())[0]
    assert str(partijen["eerste"]) in laatste["reden"]
    assert str(partijen["tweede"]) in laatste["reden"]


def test_r_g1_four_eyes_agb_too_but_not_other_fields(partijen):
    agb = _indienen(partijen, agb_code="12345678")
    assert agb.vier_ogen
    services.wijzigingsverzoek_goedkeuren(user=partijen["eerste"], verzoek=agb)
    assert Aanbieder.objects.get().agb_code != "12345678"
    naam = _indienen(partijen, naam="Thuiszorg Nieuw")
    assert not naam.vier_ogen
    services.wijzigingsverzoek_goedkeuren(user=partijen["eerste"], verzoek=naam)
    assert Aanbieder.objects.get().naam == "Thuiszorg Nieuw"


def test_r_g1_four_eyes_rejection_by_the_second_keeps_old_values(partijen):
    verzoek = _indienen(partijen)
    services.wijzigingsverzoek_goedkeuren(user=partijen["eerste"], verzoek=verzoek)
    services.wijzigingsverzoek_afwijzen(
        user=partijen["tweede"], verzoek=verzoek, reden="Bankafschrift ontbreekt"
    )
    verzoek.refresh_from_db()
    assert verzoek.status == WijzigingStatus.AFGEWEZEN
    assert _iban() == OUD_IBAN


def test_r_g1_ingangsdatum_in_the_future_takes_effect_on_that_date(partijen, nu):
    later = VANDAAG + timedelta(days=4)  # Tuesday 1 September
    verzoek = _indienen(partijen, ingangsdatum=later, plaats="Drachten")
    services.wijzigingsverzoek_goedkeuren(user=partijen["eerste"], verzoek=verzoek)
    verzoek.refresh_from_db()
    assert verzoek.wacht_op_ingangsdatum
    assert Aanbieder.objects.get().plaats != "Drachten"
    # The daily run before the date changes nothing ...
    assert tasks.wijzigingen_doorvoeren.delay().get() == []
    nu.move_to("2026-08-31 20:00:00")  # 22:00 in Amsterdam
    assert services.wijzigingsverzoeken_doorvoeren() == []
    assert Aanbieder.objects.get().plaats != "Drachten"
    # ... on the date it takes effect, once.
    nu.move_to("2026-08-31 22:05:00")  # 00:05 on 1 September
    assert tasks.wijzigingen_doorvoeren.delay().get() == [verzoek.pk]
    assert Aanbieder.objects.get().plaats == "Drachten"
    assert services.wijzigingsverzoeken_doorvoeren() == []
    verzoek.refresh_from_db()
    assert not verzoek.wacht_op_ingangsdatum


def test_r_g1_ingangsdatum_today_takes_effect_at_approval(partijen):
    verzoek = _indienen(partijen, ingangsdatum=VANDAAG, plaats="Drachten")
    services.wijzigingsverzoek_goedkeuren(user=partijen["eerste"], verzoek=verzoek)
    assert Aanbieder.objects.get().plaats == "Drachten"


def test_r_g1_ingangsdatum_not_in_the_past(partijen):
    with pytest.raises(ApplicationError, match="verleden"):
        _indienen(partijen, ingangsdatum=VANDAAG - timedelta(days=1))


def test_r_g1_management_command_applies_due_changes(partijen, nu, capsys):
    verzoek = _indienen(partijen, ingangsdatum=date(2026, 9, 1), plaats="Drachten")
    services.wijzigingsverzoek_goedkeuren(user=partijen["eerste"], verzoek=verzoek)
    nu.move_to("2026-09-01 07:00:00")
    call_command("wijzigingen_doorvoeren")
    assert "1 wijziging(en) doorgevoerd" in capsys.readouterr().out
    assert Aanbieder.objects.get().plaats == "Drachten"


def test_r_g1_every_contracting_gemeente_sees_change_and_ingangsdatum(client, partijen):
    # A second gemeente with its own contract with the same aanbieder.
    andere = ContractFactory(
        gemeente=GemeenteFactory(), aanbieder=partijen["aanbieder"]
    ).gemeente
    zonder_contract = GemeenteFactory()
    verzoek = _indienen(partijen, ingangsdatum=date(2026, 9, 1))
    client.force_login(gemeente_user(andere))
    lijst = client.get("/stamgegevens/wijzigingen/").content.decode()
    assert verzoek.get_absolute_url() in lijst and "01-09-2026" in lijst
    detail = client.get(verzoek.get_absolute_url()).content.decode()
    assert "01-09-2026" in detail and "Vier ogen" in detail
    client.force_login(gemeente_user(zonder_contract))
    assert client.get(verzoek.get_absolute_url()).status_code == 404


def test_r_g1_four_eyes_screen_says_it(client, partijen):
    verzoek = _indienen(partijen)
    client.force_login(partijen["eerste"])
    response = client.post(
        verzoek.get_absolute_url(), {"besluit": "goedkeuren", "reden": ""}, follow=True
    )
    html = response.content.decode()
    assert "tweede contractmanager" in html
    assert "Eerste akkoord, wacht op tweede" in html
    # The open list on the start page of the other manager holds it.
    client.force_login(partijen["tweede"])
    lijst = client.get("/stamgegevens/wijzigingen/?status=open").content.decode()
    assert verzoek.get_absolute_url() in lijst
    response = client.post(
        verzoek.get_absolute_url(), {"besluit": "goedkeuren", "reden": ""}, follow=True
    )
    html = response.content.decode()
    assert "goedgekeurd en doorgevoerd" in html
    assert 'id="eerste-akkoord"' in html and 'id="beoordeeld"' in html
    assert timezone.localdate() == VANDAAG
