"""Declareren as the aanbieder: voorstellen (R-D1, R-D6, R-D7), proef, indienen, crediteren."""

from datetime import date

import pytest

from berichten.models import Bericht
from berichten.xml import validation
from berichten.xml.parser import parse
from core.exceptions import ApplicationError
from declaraties import services
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie
from tests.core.factories import aanbieder_user, gemeente_user
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db

AUGUSTUS = date(2026, 8, 1)
SEPTEMBER = date(2026, 9, 1)


@pytest.fixture
def tw():
    return ToewijzingFactory(declarabel=True)


@pytest.fixture
def user(tw):
    return aanbieder_user(tw.aanbieder)


def test_voorstel_one_line_per_started_toewijzing(tw, user):
    ToewijzingFactory(
        declarabel=True,
        aanbieder=tw.aanbieder,
        client__gemeente=tw.gemeente,
        gestart=False,
    )  # R-D1
    [declaratie] = services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    [regel] = declaratie.prestaties.all()
    assert regel.toewijzing == tw
    assert (regel.begindatum, regel.einddatum) == (date(2026, 8, 1), date(2026, 8, 31))
    assert (regel.geleverd_volume, regel.product_tarief, regel.ingediend_bedrag) == (
        10,
        4250,
        42500,
    )
    assert (
        declaratie.status == DeclaratieStatus.CONCEPT
        and declaratie.totaal_ingediend == 42500
    )


def test_voorstel_r_d6_not_twice_for_the_same_period(tw, user):
    services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    assert services.declaratie_voorstellen(user=user, periode=AUGUSTUS) == []


def test_voorstel_clips_to_the_toewijzing():
    tw = ToewijzingFactory(
        declarabel=True, ingangsdatum=date(2026, 8, 10), einddatum=date(2026, 8, 20)
    )
    [v] = services.regelvoorstellen(aanbieder=tw.aanbieder, periode=AUGUSTUS)
    assert (v.begindatum, v.einddatum) == (date(2026, 8, 10), date(2026, 8, 20))


@pytest.mark.parametrize(
    ("ingangsdatum", "periode"),
    [(date(2026, 8, 1), AUGUSTUS), (date(2026, 8, 3), SEPTEMBER)],
)
def test_voorstel_r_d7_hulpmiddel_in_first_full_month(ingangsdatum, periode):
    tw = ToewijzingFactory(
        declarabel=True,
        ingangsdatum=ingangsdatum,
        volume=1,
        frequentie="6",
        product__categorie="11",
    )
    maanden = {
        maand: services.regelvoorstellen(aanbieder=tw.aanbieder, periode=maand)
        for maand in (AUGUSTUS, SEPTEMBER, date(2026, 10, 1))
    }
    assert [m for m, v in maanden.items() if v] == [periode]
    [v] = maanden[periode]
    assert (v.begindatum, v.geleverd_volume) == (periode, 1)


def test_voorstel_only_for_a_past_month(user):
    with pytest.raises(ApplicationError):
        services.declaratie_voorstellen(user=user, periode=date(2099, 1, 1))


def test_only_aanbieder_users_declare(tw):
    with pytest.raises(ApplicationError, match="aanbieder"):
        services.declaratie_voorstellen(
            user=gemeente_user(tw.gemeente), periode=AUGUSTUS
        )


def test_regel_wijzigen_recomputes_bedrag(tw, user):
    [declaratie] = services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    regel = services.declaratie_regel_wijzigen(
        user=user, prestatie=declaratie.prestaties.get(), geleverd_volume=4
    )
    assert regel.ingediend_bedrag == 4 * 4250
    declaratie.refresh_from_db()
    assert declaratie.totaal_ingediend == 4 * 4250


def test_proef_gives_the_gemeentes_codes_per_line(tw, user):
    [declaratie] = services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    regel = declaratie.prestaties.get()
    assert services.declaratie_proef(user=user, declaratie=declaratie).goedgekeurd
    services.declaratie_regel_wijzigen(user=user, prestatie=regel, geleverd_volume=11)
    proef = services.declaratie_proef(user=user, declaratie=declaratie)
    assert proef.retourcodes(regel) == ["9321"]
    assert not Bericht.objects.exists()  # nothing sent
    declaratie.refresh_from_db()
    assert declaratie.declaratie_nummer == "" and declaratie.is_concept


def _indienen(user, periode=AUGUSTUS) -> tuple[Declaratie, Bericht]:
    [declaratie] = services.declaratie_voorstellen(user=user, periode=periode)
    bericht = services.declaratie_indienen(user=user, declaratie=declaratie)
    declaratie.refresh_from_db()
    return declaratie, bericht


def test_indienen_sends_a_valid_323_and_gets_the_325(tw, user):
    declaratie, bericht = _indienen(user)
    assert bericht.bericht_type == "WMO323"
    assert validation.validate(parse(bericht.xml), "WMO323") == []
    antwoord = bericht.retourberichten.get()
    assert antwoord.bericht_type == "WMO325"
    assert declaratie.status == DeclaratieStatus.BEANTWOORD
    assert declaratie.bericht == bericht and declaratie.antwoord == antwoord
    assert declaratie.declaratie_nummer.startswith("WP")
    assert declaratie.totaal_toegekend == 42500
    assert declaratie.retourcodes == ["8001"]
    assert declaratie.antwoord_uiterlijk < declaratie.contract_uiterlijk  # R-D8
    assert declaratie.prestaties.get().status == PrestatieStatus.GOEDGEKEURD


def test_indienen_unique_declaratienummers(user, tw):
    eerste, _ = _indienen(user)
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    tweede, _ = _indienen(user)
    assert eerste.declaratie_nummer != tweede.declaratie_nummer


def test_rejected_line_is_corrected_in_a_new_declaratie(tw, user):
    [declaratie] = services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    services.declaratie_regel_wijzigen(
        user=user, prestatie=declaratie.prestaties.get(), geleverd_volume=11
    )
    services.declaratie_indienen(user=user, declaratie=declaratie)
    afgekeurd = declaratie.prestaties.get()
    assert (afgekeurd.status, afgekeurd.retourcodes) == (
        PrestatieStatus.AFGEKEURD,
        ["9321"],
    )

    nieuw = services.prestatie_corrigeren(
        user=user, prestatie=afgekeurd, geleverd_volume=10
    )
    assert nieuw.declaratie != declaratie and nieuw.vorig_referentie == afgekeurd
    assert not nieuw.declaratie.prestaties.filter(
        debet_credit=DebetCredit.CREDIT
    ).exists()
    services.declaratie_indienen(user=user, declaratie=nieuw.declaratie)
    nieuw.refresh_from_db()
    assert nieuw.status == PrestatieStatus.GOEDGEKEURD
    assert nieuw.declaratie.declaratie_nummer != declaratie.declaratie_nummer  # R-D5
    assert afgekeurd.vervangen_door == nieuw


def test_approved_line_is_credited_before_the_new_debet(tw, user):
    declaratie, _ = _indienen(user)
    origineel = declaratie.prestaties.get()
    nieuw = services.prestatie_corrigeren(
        user=user, prestatie=origineel, geleverd_volume=8
    )
    credit = origineel.gecrediteerd_door
    assert credit.declaratie == nieuw.declaratie
    assert (credit.debet_credit, credit.vorig_referentie_nummer) == (
        "C",
        origineel.product_referentie,
    )

    bericht = services.declaratie_indienen(user=user, declaratie=nieuw.declaratie)
    xml = bericht.xml.decode()
    assert xml.index("VorigReferentieNummer") < xml.index(
        nieuw.product_referentie
    )  # OP366
    credit.refresh_from_db()
    nieuw.refresh_from_db()
    assert credit.status == nieuw.status == PrestatieStatus.GOEDGEKEURD
    assert nieuw.declaratie.totaal_toegekend == 8 * 4250 - 42500
    assert [p.pk for p in services_keten(nieuw)] == [origineel.pk, credit.pk, nieuw.pk]


def services_keten(prestatie):
    from declaraties.selectors import keten

    return keten(prestatie)


def test_crediteren_only_approved_debet_once(tw, user):
    declaratie, _ = _indienen(user)
    origineel = declaratie.prestaties.get()
    credit = services.prestatie_crediteren(user=user, prestatie=origineel)
    assert credit.bedrag == -42500
    with pytest.raises(ApplicationError, match="TR390"):
        services.prestatie_crediteren(user=user, prestatie=origineel)
    with pytest.raises(ApplicationError):
        services.prestatie_crediteren(user=user, prestatie=credit)


def test_other_aanbieder_cannot_send(tw, user):
    [declaratie] = services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    with pytest.raises(ApplicationError):
        services.declaratie_indienen(user=aanbieder_user(), declaratie=declaratie)


def test_op354_earlier_month_goes_in_the_last_declaratieperiode(tw, user):
    _indienen(user, periode=SEPTEMBER)
    with pytest.raises(ApplicationError, match="OP354"):
        services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    [declaratie] = services.declaratie_voorstellen(
        user=user, periode=AUGUSTUS, latere_periode=True
    )
    services.declaratie_indienen(user=user, declaratie=declaratie)
    declaratie.refresh_from_db()
    assert declaratie.periode_begin == SEPTEMBER  # never before the last one (TR318)
    regel = declaratie.prestaties.get()
    assert regel.begindatum == AUGUSTUS and regel.status == PrestatieStatus.GOEDGEKEURD
