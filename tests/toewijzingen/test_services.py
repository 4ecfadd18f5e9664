from datetime import date, time

from django.db import IntegrityError

import pytest

from berichten.xml import codec
from core.exceptions import ApplicationError
from tests.stamgegevens.factories import ContractProductFactory, ProductFactory
from tests.toewijzingen import opzet_helpers
from tests.toewijzingen.factories import LeveringFactory, ToewijzingFactory, geldig_bsn
from tests.toewijzingen.opzet_helpers import verzoek_om_toewijzing
from toewijzingen import selectors, services
from toewijzingen.constants import Prijsvorm, VerzoekStatus
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek

SEP = date(2026, 9, 1)


def maak(opzet, **kwargs) -> Toewijzing:
    """A toewijzing the gemeente of `opzet` makes from 1 September 2026."""
    return opzet_helpers.maak(opzet, **({"ingangsdatum": SEP} | kwargs))


def producten_in(bericht) -> list:
    return codec.decode(bericht.xml).client.toegewezen_producten


# --- cliënt ----------------------------------------------------------------------------


def test_cs002_client_bsn_elfproef(opzet):
    client = services.client_aanmaken(
        user=opzet.gemeente_user,
        bsn=geldig_bsn(900),
        geboortedatum=date(1950, 1, 1),
        geslacht="1",
        achternaam="Jansen",
        telefoon="0612345678",
    )
    assert client.gemeente == opzet.gemeente
    with pytest.raises(ApplicationError, match="elfproef"):
        services.client_aanmaken(
            user=opzet.gemeente_user,
            bsn="123456789",
            geboortedatum=date(1950, 1, 1),
            geslacht="1",
            achternaam="X",
        )


def test_client_one_row_per_gemeente_and_bsn(opzet):
    with pytest.raises(ApplicationError, match="al een cliënt met dit BSN"):
        services.client_aanmaken(
            user=opzet.gemeente_user,
            bsn=opzet.client.bsn,
            geboortedatum=date(1950, 1, 1),
            geslacht="1",
            achternaam="Dubbel",
        )


def test_client_aanmaken_only_by_gemeente(opzet):
    with pytest.raises(ApplicationError, match="gemeente"):
        services.client_aanmaken(
            user=opzet.aanbieder_user,
            bsn=geldig_bsn(901),
            geboortedatum=date(1950, 1, 1),
            geslacht="1",
            achternaam="X",
        )


def test_tr061_301_needs_address_or_phone(opzet):
    services.client_wijzigen(
        user=opzet.gemeente_user, client=opzet.client, huisnummer=None, telefoon=""
    )
    with pytest.raises(ApplicationError, match="TR061"):
        maak(opzet)


# --- toewijzing (301) --------------------------------------------------------------------


def test_r_t1_only_contracted_product(opzet):
    assert maak(opzet).contract == opzet.contract
    with pytest.raises(ApplicationError, match="R-T1"):
        maak(opzet, product=ProductFactory())


def _contract_tot_eind_2027(opzet):
    opzet.contract.einddatum = date(2027, 12, 31)
    opzet.contract.save()


def test_r_t1_contract_must_be_valid_on_ingangsdatum(opzet):
    _contract_tot_eind_2027(opzet)
    with pytest.raises(ApplicationError, match="R-T1"):
        maak(opzet, ingangsdatum=date(2028, 1, 1))  # contract ends 31-12-2027


def test_r_t1_rechecked_when_ingangsdatum_changes(opzet):
    _contract_tot_eind_2027(opzet)
    toewijzing = maak(opzet, einddatum=date(2027, 12, 31))
    with pytest.raises(ApplicationError, match="R-T1"):
        services.toewijzing_wijzigen(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            reden_wijziging="14",
            wijzigingen={"ingangsdatum": date(2028, 1, 1)},
        )


def test_r_t2_toewijzingnummer_unique(opzet):
    eerste = maak(opzet, einddatum=date(2026, 9, 30))
    tweede = maak(opzet, ingangsdatum=date(2026, 10, 1))
    assert tweede.toewijzing_nummer != eerste.toewijzing_nummer
    with pytest.raises(IntegrityError):
        ToewijzingFactory(
            client=opzet.client, toewijzing_nummer=eerste.toewijzing_nummer
        )


def test_r_t3_toewijzingsdatum_is_moment_of_sending(opzet):
    toewijzing = maak(opzet)
    # 10:15:30 UTC is 12:15:30 in Amsterdam (summer time).
    assert (toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd) == (
        date(2026, 8, 28),
        time(12, 15, 30),
    )


def test_r_t4_variabele_prijs_in_eurocent(opzet):
    opzet.product.eenheid = "83"  # a hulpmiddel buiten assortiment (seed 004 §1)
    opzet.product.save()
    toewijzing = maak(opzet, prijsvorm=Prijsvorm.VARIABELE_PRIJS, bedrag=12550)
    assert (toewijzing.volume, toewijzing.eenheid, toewijzing.frequentie) == (
        12550,
        "83",
        "6",
    )
    with pytest.raises(ApplicationError, match="CD077"):
        maak(
            opzet,
            prijsvorm="",
            volume=1,
            eenheid="83",
            frequentie="6",
            budget=100,
            ingangsdatum=date(2026, 10, 1),
        )


def test_op087_301_holds_all_current_toewijzingen_and_302_is_matched(opzet):
    ToewijzingFactory(client=opzet.client, aanbieder=opzet.aanbieder, verlopen=True)
    eerste = maak(opzet, einddatum=date(2026, 9, 30))
    tweede = maak(opzet, ingangsdatum=date(2026, 10, 1))
    nummers = [p.toewijzing_nummer for p in producten_in(tweede.bericht)]
    assert nummers == [eerste.toewijzing_nummer, tweede.toewijzing_nummer]
    eerste.refresh_from_db()
    assert eerste.bericht == tweede.bericht
    retour = tweede.bericht.retourberichten.get()
    assert retour.bericht_type == "WMO302"
    assert retour.retourcodes == []


def test_aanbieder_cannot_send_301(opzet):
    with pytest.raises(ApplicationError, match="contractmanager"):
        maak(opzet, user=opzet.aanbieder_user)


def test_toewijzing_wijzigen_needs_reden(opzet):
    toewijzing = maak(opzet)
    with pytest.raises(ApplicationError, match="reden"):
        services.toewijzing_wijzigen(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            reden_wijziging="",
            wijzigingen={},
        )
    services.toewijzing_wijzigen(
        user=opzet.gemeente_user,
        toewijzing=toewijzing,
        reden_wijziging="05",
        wijzigingen={"einddatum": date(2026, 12, 31)},
    )
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 12, 31)
    assert toewijzing.history.count() == 2


def test_op380_verlengen_stretches_einddatum(opzet):
    toewijzing = maak(opzet, einddatum=date(2026, 12, 31))
    services.toewijzing_verlengen(
        user=opzet.gemeente_user, toewijzing=toewijzing, einddatum=date(2027, 6, 30)
    )
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.reden_wijziging) == (
        date(2027, 6, 30),
        "04",
    )
    assert Toewijzing.objects.count() == 1
    with pytest.raises(ApplicationError, match="OP380"):
        services.toewijzing_verlengen(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            einddatum=date(2027, 12, 31),
            volume=2,
        )


def test_r_t5_intrekken(opzet):
    toewijzing = maak(opzet)
    with pytest.raises(ApplicationError, match="R-T5"):
        services.toewijzing_intrekken(
            user=opzet.gemeente_user,
            toewijzing=toewijzing,
            einddatum=date(2026, 9, 15),
            reden_wijziging="",
        )
    services.toewijzing_intrekken(
        user=opzet.gemeente_user,
        toewijzing=toewijzing,
        einddatum=date(2026, 9, 15),
        reden_wijziging="05",
    )
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 9, 15) and toewijzing.beeindigd_op


def test_r_t6_beeindigen_einddatum_is_end_of_month(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 1))
    services.toewijzing_beeindigen(
        user=opzet.gemeente_user, toewijzing=toewijzing, reden_wijziging="05"
    )
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 8, 31)
    assert producten_in(toewijzing.bericht)[0].reden_wijziging == "05"
    with pytest.raises(ApplicationError, match="al beëindigd"):
        services.toewijzing_beeindigen(
            user=opzet.gemeente_user, toewijzing=toewijzing, reden_wijziging="05"
        )


def test_r_t7_verhuizing_einddatum_two_months_ahead(opzet):
    toewijzing = maak(opzet)
    with pytest.raises(ApplicationError, match="R-T7"):
        services.toewijzing_verhuizing(
            user=opzet.gemeente_user, toewijzing=toewijzing, reden_wijziging="05"
        )
    services.toewijzing_verhuizing(
        user=opzet.gemeente_user, toewijzing=toewijzing, reden_wijziging="06"
    )
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.reden_wijziging) == (
        date(2026, 10, 31),
        "06",
    )


def test_r_t8_overlijden_bevestigen(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 3))
    with pytest.raises(ApplicationError, match="R-T8"):
        services.toewijzing_overlijden_bevestigen(
            user=opzet.gemeente_user, toewijzing=toewijzing
        )
    services.start_zorg_melden(
        user=opzet.aanbieder_user, toewijzing=toewijzing, begindatum=date(2026, 8, 3)
    )
    services.stop_zorg_melden(
        user=opzet.aanbieder_user,
        toewijzing=toewijzing,
        begindatum=date(2026, 8, 3),
        einddatum=date(2026, 8, 20),
        reden_beeindiging="02",
    )
    services.toewijzing_overlijden_bevestigen(
        user=opzet.gemeente_user, toewijzing=toewijzing
    )
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.reden_wijziging) == (
        date(2026, 8, 31),
        "02",
    )


# --- start and stop zorg (305/307) ---------------------------------------------------------


def test_r_s1_start_zorg_not_before_ingangsdatum(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 3))
    with pytest.raises(ApplicationError, match="R-S1"):
        services.start_zorg_melden(
            user=opzet.aanbieder_user,
            toewijzing=toewijzing,
            begindatum=date(2026, 8, 2),
        )
    levering = services.start_zorg_melden(
        user=opzet.aanbieder_user, toewijzing=toewijzing, begindatum=date(2026, 8, 3)
    )
    # Recorded once, by the gemeente's handler, linked to the 305; the 306 came back clean.
    assert Levering.objects.get() == levering
    assert levering.bericht.bericht_type == "WMO305"
    assert levering.bericht.retourberichten.get().retourcodes == []


def test_gemeente_cannot_send_305(opzet):
    toewijzing = maak(opzet)
    with pytest.raises(ApplicationError, match="aanbieder"):
        services.start_zorg_melden(
            user=opzet.gemeente_user, toewijzing=toewijzing, begindatum=SEP
        )


def test_tr326_second_start_refused(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 3))
    services.start_zorg_melden(
        user=opzet.aanbieder_user, toewijzing=toewijzing, begindatum=date(2026, 8, 3)
    )
    with pytest.raises(ApplicationError, match="TR326"):
        services.start_zorg_melden(
            user=opzet.aanbieder_user,
            toewijzing=toewijzing,
            begindatum=date(2026, 8, 4),
        )


def test_op033_status_aanlevering_2_refused(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 3))
    with pytest.raises(ApplicationError, match="OP033"):
        services.start_zorg_melden(
            user=opzet.aanbieder_user,
            toewijzing=toewijzing,
            begindatum=date(2026, 8, 3),
            status_aanlevering="2",
        )


def test_op033_status_3_deletes_start_then_send_again(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 3))
    fout = services.start_zorg_melden(
        user=opzet.aanbieder_user, toewijzing=toewijzing, begindatum=date(2026, 8, 4)
    )
    services.start_zorg_melden(
        user=opzet.aanbieder_user,
        toewijzing=toewijzing,
        begindatum=date(2026, 8, 4),
        status_aanlevering="3",
    )
    fout.refresh_from_db()
    assert fout.vervallen
    services.start_zorg_melden(
        user=opzet.aanbieder_user, toewijzing=toewijzing, begindatum=date(2026, 8, 3)
    )
    assert [lev.begindatum for lev in selectors.actuele_leveringen(toewijzing)] == [
        date(2026, 8, 3)
    ]


def test_r_s2_stop_zorg_not_after_einddatum(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 3), einddatum=date(2026, 8, 20))
    services.start_zorg_melden(
        user=opzet.aanbieder_user, toewijzing=toewijzing, begindatum=date(2026, 8, 3)
    )
    melden = {
        "user": opzet.aanbieder_user,
        "toewijzing": toewijzing,
        "begindatum": date(2026, 8, 3),
        "reden_beeindiging": "21",
    }
    with pytest.raises(ApplicationError, match="R-S2"):
        services.stop_zorg_melden(**melden, einddatum=date(2026, 8, 21))
    with pytest.raises(ApplicationError, match="TR134"):
        services.stop_zorg_melden(**melden, einddatum=date(2026, 8, 29))
    stop = services.stop_zorg_melden(**melden, einddatum=date(2026, 8, 20))
    assert stop.bericht.bericht_type == "WMO307"


def test_tr413_tr415_stop_sequence(opzet):
    toewijzing = maak(opzet, ingangsdatum=date(2026, 8, 3))
    melden = {
        "user": opzet.aanbieder_user,
        "toewijzing": toewijzing,
        "begindatum": date(2026, 8, 3),
    }
    services.start_zorg_melden(**melden)
    services.stop_zorg_melden(
        **melden, einddatum=date(2026, 8, 10), reden_beeindiging="20"
    )
    with pytest.raises(ApplicationError, match="TR413"):
        services.stop_zorg_melden(
            **melden, einddatum=date(2026, 8, 12), reden_beeindiging="20"
        )
    with pytest.raises(ApplicationError, match="TR414"):
        services.stop_zorg_melden(
            **melden, einddatum=date(2026, 8, 9), reden_beeindiging="21"
        )
    services.stop_zorg_melden(
        **melden, einddatum=date(2026, 8, 12), reden_beeindiging="21"
    )
    with pytest.raises(ApplicationError, match="TR415"):
        services.stop_zorg_melden(
            **melden, einddatum=date(2026, 8, 14), reden_beeindiging="21"
        )


# --- status for the aanbieder ---------------------------------------------------------------


def test_status_computed_in_one_query(opzet, django_assert_num_queries):
    gemeente, aanbieder = opzet.gemeente, opzet.aanbieder
    ToewijzingFactory(client__gemeente=gemeente, aanbieder=aanbieder)  # nieuw
    ToewijzingFactory(client__gemeente=gemeente, aanbieder=aanbieder, gestart=True)
    gestopt = ToewijzingFactory(
        client__gemeente=gemeente, aanbieder=aanbieder, gestart=True
    )
    LeveringFactory(toewijzing=gestopt, stop=True)
    ToewijzingFactory(client__gemeente=gemeente, aanbieder=aanbieder, beeindigd=True)
    ToewijzingFactory(client__gemeente=gemeente, aanbieder=aanbieder, verlopen=True)
    ToewijzingFactory(client__gemeente=gemeente)  # another aanbieder: not visible
    with django_assert_num_queries(1):
        statussen = sorted(
            t.status for t in selectors.toewijzing_list(user=opzet.aanbieder_user)
        )
    assert statussen == ["beeindigd", "gestart", "gestopt", "nieuw", "verlopen"]


# --- verzoeken (315/317/319) ------------------------------------------------------------------


def test_verzoek_om_toewijzing_in_work_list(opzet):
    [verzoek] = verzoek_om_toewijzing(opzet)
    assert Verzoek.objects.count() == 1  # the handler's record, not a second one
    assert verzoek.bericht.bericht_type == "WMO315"
    assert verzoek.status == VerzoekStatus.OPEN
    assert Client.objects.get(bsn=geldig_bsn(950)).gemeente == opzet.gemeente
    assert list(
        selectors.verzoek_list(user=opzet.gemeente_user, filters={"open": True})
    ) == [verzoek]
    assert list(selectors.verzoek_list(user=opzet.aanbieder_user)) == [verzoek]


def test_tr347_tr374_verzoek_refused(opzet):
    verzoek_om_toewijzing(
        opzet
    )  # the same cliënt again (by its BSN, as the aanbieder knows it)
    with pytest.raises(ApplicationError, match="TR347"):
        verzoek_om_toewijzing(opzet, referentie="VOT-1")
    with pytest.raises(ApplicationError, match="TR374"):
        verzoek_om_toewijzing(opzet, referentie="VOT-2")


def test_verzoek_honoreren_copies_referentie_aanbieder(opzet):
    [verzoek] = verzoek_om_toewijzing(opzet)
    services.client_wijzigen(
        user=opzet.gemeente_user, client=verzoek.client, huisnummer=3, postcode="9231AB"
    )
    [toewijzing] = services.verzoek_honoreren(user=opzet.gemeente_user, verzoek=verzoek)
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.GEHONOREERD
    assert toewijzing.referentie_aanbieder == "VOT-1"
    assert producten_in(verzoek.antwoord_bericht)[0].referentie_aanbieder == "VOT-1"
    with pytest.raises(ApplicationError, match="TR359"):
        services.verzoek_afwijzen(
            user=opzet.gemeente_user, verzoek=verzoek, reden_afwijzing="3"
        )


def test_verzoek_in_onderzoek_then_afwijzen(opzet):
    [verzoek] = verzoek_om_toewijzing(opzet)
    services.verzoek_in_onderzoek(user=opzet.gemeente_user, verzoek=verzoek)
    with pytest.raises(ApplicationError, match="TR360"):
        services.verzoek_in_onderzoek(user=opzet.gemeente_user, verzoek=verzoek)
    with pytest.raises(ApplicationError, match="CD085"):
        services.verzoek_afwijzen(
            user=opzet.gemeente_user, verzoek=verzoek, reden_afwijzing=""
        )
    services.verzoek_afwijzen(
        user=opzet.gemeente_user, verzoek=verzoek, reden_afwijzing="3"
    )
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.antwoord_bericht.bericht_type) == (
        VerzoekStatus.AFGEWEZEN,
        "WMO319",
    )
    with pytest.raises(ApplicationError, match="TR365"):
        services.verzoek_afwijzen(
            user=opzet.gemeente_user, verzoek=verzoek, reden_afwijzing="3"
        )


def test_verzoek_om_wijziging_and_honoreren(opzet):
    toewijzing = maak(opzet, einddatum=date(2026, 12, 31))
    verzoek = services.verzoek_om_wijziging_indienen(
        user=opzet.aanbieder_user,
        client=opzet.client,
        referentie_aanbieder="VOW-1",
        reden_verzoek="1",
        producten=[
            services.GewenstProduct(
                toewijzing=toewijzing,
                ingangsdatum=date(2026, 10, 1),
                einddatum=date(2027, 3, 31),
                volume=2,
                eenheid="82",
                frequentie="4",
            )
        ],
    )
    assert verzoek.bericht.bericht_type == "WMO317"
    assert verzoek.producten.get().toewijzing == toewijzing
    oud, nieuw = services.verzoek_honoreren(user=opzet.gemeente_user, verzoek=verzoek)
    assert (oud.pk, oud.einddatum) == (toewijzing.pk, date(2026, 9, 30))
    assert (nieuw.ingangsdatum, nieuw.volume, nieuw.referentie_aanbieder) == (
        date(2026, 10, 1),
        2,
        "VOW-1",
    )


def test_tr357_verzoek_om_wijziging_in_the_past_refused(opzet):
    toewijzing = maak(opzet)
    with pytest.raises(ApplicationError, match="TR357"):
        services.verzoek_om_wijziging_indienen(
            user=opzet.aanbieder_user,
            client=opzet.client,
            referentie_aanbieder="VOW-2",
            reden_verzoek="1",
            producten=[
                services.GewenstProduct(
                    toewijzing=toewijzing,
                    ingangsdatum=date(2026, 8, 20),
                    volume=2,
                    eenheid="82",
                    frequentie="4",
                )
            ],
        )


def test_scoping_each_party_sees_its_own_rows(opzet):
    from tests.core.factories import aanbieder_user, gemeente_user
    from tests.toewijzingen.factories import VerzoekProductFactory
    from toewijzingen.models import VerzoekProduct

    eigen = LeveringFactory(
        toewijzing__client=opzet.client, toewijzing__aanbieder=opzet.aanbieder
    )
    VerzoekProductFactory(
        verzoek__client=opzet.client, verzoek__aanbieder=opzet.aanbieder
    )
    LeveringFactory()  # another gemeente and aanbieder
    VerzoekProductFactory()
    for user in (opzet.gemeente_user, opzet.aanbieder_user):
        assert list(Levering.objects.visible_to(user)) == [eigen]
        assert list(Toewijzing.objects.visible_to(user)) == [eigen.toewijzing]
        assert Verzoek.objects.visible_to(user).count() == 1
        assert VerzoekProduct.objects.visible_to(user).count() == 1
        assert list(Client.objects.visible_to(user)) == [opzet.client]
    for vreemde in (gemeente_user(), aanbieder_user()):
        assert not Toewijzing.objects.visible_to(vreemde).exists()
        assert not Client.objects.visible_to(vreemde).exists()


# --- TR302: hulpmiddelen may overlap ---------------------------------------------------


def test_tr302_hulpmiddel_may_overlap(opzet):
    # opzet.product is a hulpmiddel (categorie 14): a second one for the same
    # cliënt in the same period is allowed and both go in the 301.
    eerste = maak(opzet)
    tweede = maak(opzet, ingangsdatum=date(2026, 10, 1))
    assert {p.toewijzing_nummer for p in producten_in(tweede.bericht)} == {
        eerste.toewijzing_nummer,
        tweede.toewijzing_nummer,
    }
    # Any other categorie keeps the overlap check.
    begeleiding = ProductFactory(categorie="02", code="02A01")
    ContractProductFactory(contract=opzet.contract, product=begeleiding)
    maak(opzet, product=begeleiding)
    with pytest.raises(ApplicationError, match="TR302"):
        maak(opzet, product=begeleiding, ingangsdatum=date(2026, 10, 1))
