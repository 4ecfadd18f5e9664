from django.utils import timezone

import pytest

from core.exceptions import ApplicationError
from stamgegevens import services
from stamgegevens.constants import WijzigingStatus
from stamgegevens.models import Aanbieder
from stamgegevens.selectors import history_of
from tests.core.factories import aanbieder_user, gemeente_user
from tests.stamgegevens.factories import ContractFactory

pytestmark = pytest.mark.django_db

NIEUW_IBAN = "NL20INGB0001234567"


@pytest.fixture
def partijen(contract):
    return {
        "aanbieder": contract.aanbieder,
        "medewerker": aanbieder_user(contract.aanbieder),
        "contractmanager": gemeente_user(contract.gemeente),
    }


def _indienen(partijen, **wijzigingen):
    return services.wijzigingsverzoek_indienen(
        user=partijen["medewerker"],
        aanbieder=partijen["aanbieder"],
        wijzigingen=wijzigingen or {"iban": NIEUW_IBAN},
        toelichting="Nieuwe bank",
    )


def test_r_g1_aanbieder_proposes_and_nothing_changes_before_approval(partijen):
    verzoek = _indienen(partijen, iban="NL20 INGB 0001 2345 67")
    assert verzoek.status == WijzigingStatus.INGEDIEND
    assert verzoek.wijzigingen == {
        "iban": NIEUW_IBAN
    }  # normalised as it would be applied
    assert verzoek.oude_waarden == {"iban": "NL91ABNA0417164300"}
    assert Aanbieder.objects.get().iban == "NL91ABNA0417164300"


def test_r_g1_approval_applies_the_change_and_history_shows_it(partijen):
    verzoek = _indienen(partijen, plaats="Drachten")
    services.wijzigingsverzoek_goedkeuren(
        user=partijen["contractmanager"], verzoek=verzoek
    )
    aanbieder = Aanbieder.objects.get()
    assert aanbieder.plaats == "Drachten"
    verzoek.refresh_from_db()
    assert verzoek.status == WijzigingStatus.GOEDGEKEURD
    assert verzoek.beoordeeld_door == partijen["contractmanager"]
    assert verzoek.doorgevoerd_op is not None
    laatste = history_of(aanbieder)[0]
    assert laatste["reden"] == (
        f"Wijzigingsverzoek {verzoek.pk} (ingang {verzoek.ingangsdatum:%d-%m-%Y}) "
        f"goedgekeurd door {partijen['contractmanager']}"
    )
    assert laatste["gebruiker"] == partijen["contractmanager"]
    assert laatste["wijzigingen"][0]["nieuw"] == "Drachten"


def test_r_g1_rejection_needs_a_reason_and_keeps_the_old_values(partijen):
    verzoek = _indienen(partijen)
    with pytest.raises(ApplicationError, match="reden"):
        services.wijzigingsverzoek_afwijzen(
            user=partijen["contractmanager"], verzoek=verzoek, reden=" "
        )
    services.wijzigingsverzoek_afwijzen(
        user=partijen["contractmanager"],
        verzoek=verzoek,
        reden="Bankafschrift ontbreekt",
    )
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.reden) == (
        WijzigingStatus.AFGEWEZEN,
        "Bankafschrift ontbreekt",
    )
    assert Aanbieder.objects.get().iban == "NL91ABNA0417164300"


def test_r_g1_a_decided_request_cannot_be_decided_again(partijen):
    verzoek = _indienen(partijen)
    services.wijzigingsverzoek_afwijzen(
        user=partijen["contractmanager"], verzoek=verzoek, reden="Nee"
    )
    with pytest.raises(ApplicationError, match="al beoordeeld"):
        services.wijzigingsverzoek_goedkeuren(
            user=partijen["contractmanager"], verzoek=verzoek
        )


def test_r_g1_invalid_values_are_refused_when_proposed(partijen):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        _indienen(partijen, iban="NL00FOUT", agb_code="123")
    assert set(exc.value.message_dict) == {"iban", "agb_code"}


def test_r_g1_request_without_change_is_refused(partijen):
    with pytest.raises(ApplicationError, match="geen wijziging"):
        _indienen(partijen, naam=partijen["aanbieder"].naam)


def test_r_g1_only_own_aanbieder_may_propose_and_only_a_contracting_gemeente_may_decide(
    partijen,
):
    vreemde_medewerker = aanbieder_user()
    with pytest.raises(ApplicationError):
        services.wijzigingsverzoek_indienen(
            user=vreemde_medewerker,
            aanbieder=partijen["aanbieder"],
            wijzigingen={"iban": NIEUW_IBAN},
        )
    verzoek = _indienen(partijen)
    vreemde_gemeente = gemeente_user()  # no contract with this aanbieder
    with pytest.raises(ApplicationError):
        services.wijzigingsverzoek_goedkeuren(user=vreemde_gemeente, verzoek=verzoek)
    with pytest.raises(ApplicationError):
        services.wijzigingsverzoek_goedkeuren(
            user=partijen["medewerker"], verzoek=verzoek
        )


def test_r_g1_agb_change_keeps_r_agb_uniqueness(partijen):
    ander = ContractFactory(
        gemeente=partijen["aanbieder"].contracten.get().gemeente
    ).aanbieder
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        _indienen(partijen, agb_code=ander.agb_code)
    assert "agb_code" in exc.value.message_dict


def test_wijzigingsverzoek_pages_walk_the_workflow(client, partijen):
    client.force_login(partijen["medewerker"])
    form = client.get("/stamgegevens/wijzigingen/nieuw/")
    assert form.status_code == 200
    data = {k: v for k, v in form.context["form"].initial.items()}
    data.update(
        {
            f: getattr(partijen["aanbieder"], f)
            for f in form.context["form"].fields
            if f not in ("toelichting", "ingangsdatum")
        }
    )
    data["iban"] = "NL00FOUT"
    refused = client.post("/stamgegevens/wijzigingen/nieuw/", data)
    assert refused.status_code == 200 and "geen geldig IBAN" in refused.content.decode()
    data["iban"] = NIEUW_IBAN
    data["ingangsdatum"] = timezone.localdate().isoformat()
    sent = client.post("/stamgegevens/wijzigingen/nieuw/", data)
    assert sent.status_code == 302
    client.force_login(partijen["contractmanager"])
    detail = client.get(sent.url)
    assert "Besluit vastleggen" in detail.content.decode()
    client.post(sent.url, {"besluit": "goedkeuren", "reden": ""})
    # Four eyes: the same person cannot give the second approval.
    eerste = client.get(sent.url).content.decode()
    assert 'id="wacht-op-tweede"' in eerste and "Besluit vastleggen" not in eerste
    assert Aanbieder.objects.get().iban != NIEUW_IBAN
    client.force_login(gemeente_user(partijen["contractmanager"].gemeente))
    client.post(sent.url, {"besluit": "goedkeuren", "reden": ""})
    assert Aanbieder.objects.get().iban == NIEUW_IBAN
