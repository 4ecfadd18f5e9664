"""The gemeente's review step (Gemeente.declaraties_beoordelen): the automatic
checks at once, the lines "te beoordelen", a contract manager rejects lines or the
whole declaratie with a retourcode, the 325 on approval, R-D8 shown; without the
setting the 325 stays automatic."""

from datetime import date

from django.test import Client

import pytest

from berichten.xml import codec
from core.exceptions import ApplicationError
from declaraties import services
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from tests.core.factories import aanbieder_user, gemeente_user
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tw():
    tw = ToewijzingFactory(
        declarabel=True, client__gemeente__declaraties_beoordelen=True
    )
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    return tw


def _verstuur(tw, volume_eerste=None):
    user = aanbieder_user(tw.aanbieder)
    [declaratie] = services.declaratie_voorstellen(user=user, periode=date(2026, 8, 1))
    if volume_eerste is not None:
        regel = declaratie.prestaties.order_by("id").first()
        services.declaratie_regel_wijzigen(
            user=user, prestatie=regel, geleverd_volume=volume_eerste
        )
    bericht = services.declaratie_indienen(user=user, declaratie=declaratie)
    declaratie.refresh_from_db()
    return declaratie, bericht


def test_r_d8_review_holds_the_325_until_the_contract_manager_approves(tw):
    declaratie, bericht = _verstuur(tw, volume_eerste=11)
    assert declaratie.status == DeclaratieStatus.TE_BEOORDELEN
    assert not bericht.retourberichten.exists()  # no 325 yet
    statussen = sorted(declaratie.prestaties.values_list("status", flat=True))
    assert statussen == [PrestatieStatus.AFGEKEURD, PrestatieStatus.TE_BEOORDELEN]
    assert declaratie.antwoord_uiterlijk == date(2026, 12, 7)  # R-D8: 10 werkdagen

    gemeente = gemeente_user(tw.gemeente)
    antwoord = services.declaratie_goedkeuren(user=gemeente, declaratie=declaratie)
    assert antwoord.bericht_type == "WMO325" and antwoord.heenbericht == bericht
    declaratie.refresh_from_db()
    assert declaratie.status == DeclaratieStatus.BEANTWOORD
    assert declaratie.totaal_toegekend == 42500  # the line over its omvang is not
    assert declaratie.beoordeeld_door == gemeente
    inhoud = codec.decode(antwoord.xml).declaratie_antwoord
    [client] = inhoud.clienten
    assert [p.retourcodes for p in client.prestaties] == [["9321"]]


def test_review_rejects_a_line_with_a_retourcode_and_a_reason(tw):
    declaratie, _ = _verstuur(tw)
    gemeente = gemeente_user(tw.gemeente)
    regel = declaratie.prestaties.order_by("id").first()
    with pytest.raises(ApplicationError):
        services.prestatie_afkeuren(user=gemeente, prestatie=regel, retourcode="0200")
    services.prestatie_afkeuren(
        user=gemeente, prestatie=regel, retourcode="9321", reden="Niet geleverd"
    )
    services.prestatie_terugzetten(user=gemeente, prestatie=regel)
    regel.refresh_from_db()
    assert regel.status == PrestatieStatus.TE_BEOORDELEN
    services.prestatie_afkeuren(
        user=gemeente, prestatie=regel, retourcode="9321", reden="Niet geleverd"
    )
    antwoord = services.declaratie_goedkeuren(user=gemeente, declaratie=declaratie)
    regel.refresh_from_db()
    assert (regel.status, regel.retourcodes) == (PrestatieStatus.AFGEKEURD, ["9321"])
    assert regel.beoordeling_reden == "Niet geleverd"
    [client] = codec.decode(antwoord.xml).declaratie_antwoord.clienten
    assert [p.product_referentie.referentie_nummer for p in client.prestaties] == [
        regel.product_referentie
    ]
    assert [p.retourcodes for p in client.prestaties] == [["9321"]]
    with pytest.raises(ApplicationError, match="niet"):
        services.declaratie_goedkeuren(user=gemeente, declaratie=declaratie)


def test_review_rejects_the_whole_declaratie(tw):
    declaratie, _ = _verstuur(tw)
    gemeente = gemeente_user(tw.gemeente)
    antwoord = services.declaratie_afkeuren(
        user=gemeente, declaratie=declaratie, retourcode="8214", reden="Periode"
    )
    declaratie.refresh_from_db()
    assert declaratie.status == DeclaratieStatus.AFGEKEURD
    assert declaratie.totaal_toegekend == 0
    assert set(declaratie.prestaties.values_list("status", flat=True)) == {
        PrestatieStatus.AFGEKEURD
    }
    assert codec.decode(antwoord.xml).declaratie_antwoord.retourcodes == ["8214"]


def test_aanbieder_and_other_gemeente_cannot_review(tw):
    declaratie, _ = _verstuur(tw)
    for user in (aanbieder_user(tw.aanbieder), gemeente_user()):
        with pytest.raises(ApplicationError):
            services.declaratie_goedkeuren(user=user, declaratie=declaratie)
    assert (
        _client(aanbieder_user(tw.aanbieder))
        .get(f"/declaraties/{declaratie.pk}/beoordelen/")
        .status_code
        == 403
    )
    assert (
        _client(gemeente_user())
        .get(f"/declaraties/{declaratie.pk}/beoordelen/")
        .status_code
        == 404
    )


def test_without_the_setting_the_325_stays_automatic():
    tw = ToewijzingFactory(declarabel=True)
    declaratie, bericht = _verstuur(tw)
    assert declaratie.status == DeclaratieStatus.BEANTWOORD
    assert bericht.retourberichten.get().bericht_type == "WMO325"


def test_review_screen_shows_deadline_op364_and_acts(tw):
    from berichten.constants import Kanaal
    from declaraties.models import Declaratie
    from tests.berichten.kanaal_helpers import ontvang_van_afzender
    from tests.declaraties.factories import prestatie_bericht, wmo323

    zonder_start = ToewijzingFactory(
        declarabel=True,
        aanbieder=tw.aanbieder,
        client__gemeente=tw.gemeente,
        gestart=False,
    )
    message = wmo323(  # from the aanbieder's own package
        tw.aanbieder,
        tw.gemeente,
        [
            (tw.client.bsn, [prestatie_bericht(tw, referentie="R1")]),
            (
                zonder_start.client.bsn,
                [prestatie_bericht(zonder_start, referentie="R2")],
            ),
        ],
    )
    bericht = ontvang_van_afzender(codec.encode(message), kanaal=Kanaal.UPLOAD)
    declaratie = Declaratie.objects.get(bericht=bericht)
    assert declaratie.status == DeclaratieStatus.TE_BEOORDELEN
    client = _client(gemeente_user(tw.gemeente))
    url = f"/declaraties/{declaratie.pk}/beoordelen/"
    lijst = client.get("/declaraties/").content.decode()
    assert "antwoord uiterlijk 07-12-2026" in lijst  # R-D8 in the list
    assert "Beoordelen" in client.get(f"/declaraties/{declaratie.pk}/").content.decode()
    pagina = client.get(url).content.decode()
    assert "uiterlijk <strong>07-12-2026</strong>" in pagina
    assert "nog 10 werkdagen" in pagina and "R-D8" in pagina
    assert 'class="start-ontbreekt"' in pagina and "OP364" in pagina
    assert "9321 – " in pagina  # the codelist's retourcodes to choose from
    regel = declaratie.prestaties.get(start_ontbreekt=False)
    client.post(
        url,
        {"actie": "afkeuren", "regel": regel.pk, "retourcode": "9321", "reden": ""},
    )
    regel.refresh_from_db()
    assert regel.status == PrestatieStatus.AFGEKEURD
    assert regel.beoordeling_reden.startswith("Het ingediende volume")
    response = client.post(url, {"actie": "goedkeuren"}, follow=True)
    assert "het antwoord is verstuurd" in response.content.decode()
    declaratie.refresh_from_db()
    assert declaratie.status == DeclaratieStatus.BEANTWOORD
    assert declaratie.prestaties.get(start_ontbreekt=True).status == (
        PrestatieStatus.GOEDGEKEURD
    )


def test_instellingen_by_the_contract_manager(client):
    tw = ToewijzingFactory(declarabel=True)
    client.force_login(gemeente_user(tw.gemeente))
    pagina = client.get("/declaraties/instellingen/").content.decode()
    assert "10 werkdagen" in pagina
    client.post(
        "/declaraties/instellingen/",
        {"declaraties_beoordelen": "on", "betaalrekening": "NL91 ABNA 0417 1643 00"},
    )
    tw.gemeente.refresh_from_db()
    assert tw.gemeente.declaraties_beoordelen
    assert tw.gemeente.betaalrekening == "NL91ABNA0417164300"
    anders = _client(aanbieder_user(tw.aanbieder))
    assert anders.get("/declaraties/instellingen/").status_code == 403


def test_instellingen_by_a_beheerder_not_by_another_gemeente():
    from stamgegevens.services import gemeente_instellingen_wijzigen
    from tests.core.factories import beheerder_user

    tw = ToewijzingFactory(declarabel=True)
    with pytest.raises(ApplicationError):
        gemeente_instellingen_wijzigen(
            user=gemeente_user(), gemeente=tw.gemeente, declaraties_beoordelen=True
        )
    with pytest.raises(ApplicationError):
        gemeente_instellingen_wijzigen(
            user=gemeente_user(tw.gemeente),
            gemeente=tw.gemeente,
            declaraties_beoordelen=True,
            betaalrekening="NL00 GEEN IBAN",
        )
    gemeente_instellingen_wijzigen(
        user=beheerder_user(), gemeente=tw.gemeente, declaraties_beoordelen=True
    )
    tw.gemeente.refresh_from_db()
    assert tw.gemeente.declaraties_beoordelen
