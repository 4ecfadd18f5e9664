"""Every level-2 rule (and the database-free level-3/4 rules): one test per rule id,
each with a passing case (the clean sample) and a failing case (a mutation of it)."""

from copy import deepcopy
from datetime import date, timedelta

import pytest

from berichten import paden, regels
from berichten.regels import controleer_inhoud
from berichten.regels.algemeen import tr135_niet_in_de_toekomst
from berichten.xml.types import (
    Adres,
    Bedrag,
    Communicatie,
    Contact,
    Geboortedatum,
    NieuwProduct,
    OpenPeriode,
    Product,
    Referentie,
    Telefoon,
    Telefoonnummers,
)
from tests.berichten.regels_helpers import bevindingen, gemeld, grote_declaratie, schoon

# --- §1 general -------------------------------------------------------------------


@pytest.mark.parametrize("bericht", ["WMO301", "WMO305", "WMO307", "WMO315", "WMO317"])
def test_cs002_bsn_elfproef(bericht):
    m = schoon(bericht)
    assert not bevindingen(m, "CS002")
    m.client.bsn = "123456789"  # fails the 11-proef
    gemeld(m, "CS002", pad=paden.CLIENT)


def test_cs002_bsn_elfproef_per_declaratieclient():
    m = schoon("WMO323")
    m.declaratie.clienten[1].bsn = "123456780"
    gemeld(m, "CS002", pad=paden.declaratie_client(2))


def test_tr002_geboortedatum_max_120_jaar():
    m = schoon("WMO305")  # dagtekening 2026-03-03
    m.client.geboortedatum = Geboortedatum(datum=date(1906, 3, 3))
    assert not bevindingen(m, "TR002")
    m.client.geboortedatum = Geboortedatum(datum=date(1906, 3, 2))
    gemeld(m, "TR002", pad=paden.CLIENT)


def test_tr002_onbekende_geboortedatum_is_toegestaan():
    m = schoon("WMO307")
    m.client.geboortedatum = Geboortedatum(datum=date(1900, 1, 1), datum_gebruik="3")
    assert not bevindingen(m, "TR002")


def test_cs139_datumgebruik_past_bij_datum():
    m = schoon("WMO315")
    m.client.geboortedatum = Geboortedatum(datum=date(1949, 9, 1), datum_gebruik="1")
    assert not bevindingen(m, "CS139")
    m.client.geboortedatum = Geboortedatum(datum=date(1949, 9, 1), datum_gebruik="2")
    gemeld(m, "CS139", pad=paden.CLIENT)


def test_cs139_geldt_ook_voor_relatie():
    m = schoon("WMO301")
    m.client.relaties[0].geboortedatum = Geboortedatum(
        datum=date(1953, 2, 1), datum_gebruik="3"
    )
    gemeld(m, "CS139", pad=paden.relatie(1))


def test_cs050_naamgebruik_past_bij_partnernaam():
    m = schoon("WMO301")  # client: Partnernaam, NaamGebruik 2
    assert not bevindingen(m, "CS050")
    m.client.naam.partnernaam = None
    gemeld(m, "CS050", pad=paden.CLIENT)
    m = schoon("WMO301")
    m.client.relaties[0].naam.naam_gebruik = "3"  # no Partnernaam: only 1 or 6
    gemeld(m, "CS050", pad=paden.relatie(1))


def test_cs318_client_geen_niet_natuurlijk_persoon():
    m = schoon("WMO301")
    m.client.relaties[0].naam.naam_gebruik = "6"  # allowed for a Relatie
    m.client.naam.partnernaam = None
    m.client.naam.naam_gebruik = "1"
    assert not bevindingen(m, "CS318")
    m.client.naam.naam_gebruik = "6"
    gemeld(m, "CS318", pad=paden.CLIENT)


def test_tr134_date_after_dagtekening_is_0001():
    m = schoon("WMO305")  # dagtekening 2026-03-03
    m.client.start_producten[0].begindatum = date(2026, 3, 3)
    assert not bevindingen(m, "TR134")
    m.client.start_producten[0].begindatum = date(2026, 3, 4)
    gemeld(m, "TR134", pad=paden.start_product(1))


@pytest.mark.parametrize(
    ("bericht", "zet", "pad"),
    [
        (
            "WMO301",
            lambda m: setattr(
                m.client.toegewezen_producten[1], "toewijzingsdatum", date(2027, 1, 1)
            ),
            paden.toegewezen_product(2),
        ),
        (
            "WMO307",
            lambda m: setattr(
                m.client.stop_producten[0], "einddatum", date(2027, 1, 1)
            ),
            paden.stop_product(1),
        ),
        (
            "WMO315",
            lambda m: setattr(m.client.geboortedatum, "datum", date(2027, 1, 1)),
            paden.CLIENT,
        ),
        (
            "WMO323",
            lambda m: setattr(m.declaratie, "declaratie_dagtekening", date(2027, 1, 1)),
            paden.DECLARATIE,
        ),
    ],
)
def test_tr134_per_bericht(bericht, zet, pad):
    m = schoon(bericht)
    zet(m)
    gemeld(m, "TR134", pad=pad)


# --- products of 301 / 315 / 317 -------------------------------------------------------


def test_cd079_product_verplicht_zonder_budget():
    m = schoon("WMO301")
    tp = m.client.toegewezen_producten[1]
    tp.product, tp.omvang, tp.budget = None, None, 120000
    assert not bevindingen(m, "CD079")
    tp.budget = None
    gemeld(m, "CD079", pad=paden.toegewezen_product(2))


def test_cd041_omvang_verplicht_bij_productcode():
    m = schoon("WMO315")
    assert not bevindingen(m, "CD041")
    m.client.aangevraagde_producten[0].omvang = None
    gemeld(m, "CD041", pad=paden.aangevraagd_product(1))


def test_cd080_geen_omvang_zonder_productcode():
    m = schoon("WMO301")
    m.client.toegewezen_producten[0].product = Product(categorie="02")
    gemeld(m, "CD080", pad=paden.toegewezen_product(1))
    m.client.toegewezen_producten[0].einddatum = date(
        2020, 12, 31
    )  # 2.x rules: allowed
    m.client.toegewezen_producten[0].ingangsdatum = date(2020, 1, 1)
    assert not bevindingen(m, "CD080")


def test_cd095_geen_omvang_zonder_productcode_in_315():
    m = schoon("WMO315")
    assert not bevindingen(m, "CD095")
    m.client.aangevraagde_producten[0].product = Product(categorie="02")
    gemeld(m, "CD095", pad=paden.aangevraagd_product(1))


def test_cd096_geen_omvang_zonder_productcode_in_317():
    m = schoon("WMO317")
    assert not bevindingen(m, "CD096")
    m.client.verzoek.nieuwe_producten[0].product = Product(categorie="03")
    gemeld(m, "CD096", pad=paden.nieuw_product(1))


def test_cd077_omvang_en_budget_niet_samen():
    m = schoon("WMO301")
    assert not bevindingen(m, "CD077")
    m.client.toegewezen_producten[1].budget = 120000
    gemeld(m, "CD077", pad=paden.toegewezen_product(2))


def test_cd075_einddatum_verplicht_bij_budget():
    m = schoon("WMO317")
    nieuw = m.client.verzoek.nieuwe_producten[0]
    nieuw.product, nieuw.omvang, nieuw.budget = None, None, 50000
    assert not bevindingen(m, "CD075")
    nieuw.einddatum = None
    gemeld(m, "CD075", pad=paden.nieuw_product(1))


def test_cd076_einddatum_verplicht_bij_frequentie_per_week():
    m = schoon("WMO301")  # product 1: Frequentie 2
    assert not bevindingen(m, "CD076")
    m.client.toegewezen_producten[0].einddatum = None
    gemeld(m, "CD076", pad=paden.toegewezen_product(1))


def test_cs338_frequentie_bij_eenheid():
    m = schoon("WMO317")  # NieuwProduct: Eenheid 14, Frequentie 2
    assert not bevindingen(m, "CS338")
    m.client.verzoek.nieuwe_producten[0].omvang.frequentie = "1"
    gemeld(m, "CS338", pad=paden.nieuw_product(1))


def test_cs343_frequentie_bij_eenheid_in_315():
    m = schoon("WMO315")
    omvang = m.client.aangevraagde_producten[0].omvang
    omvang.eenheid, omvang.frequentie = "83", "4"
    assert not bevindingen(m, "CS343")
    omvang.frequentie = "1"
    gemeld(m, "CS343", pad=paden.aangevraagd_product(1))


def test_cs003_einddatum_niet_voor_ingangsdatum():
    m = schoon("WMO315")
    product = m.client.aangevraagde_producten[0]
    product.toewijzing_einddatum = product.toewijzing_ingangsdatum
    assert not bevindingen(m, "CS003")
    product.toewijzing_einddatum = date(2026, 4, 14)
    gemeld(m, "CS003", pad=paden.aangevraagd_product(1))


def _overlappend_product(m):
    dubbel = deepcopy(m.client.toegewezen_producten[0])
    dubbel.toewijzing_nummer = 260003
    m.client.toegewezen_producten.append(dubbel)
    return dubbel


def test_tr302_product_niet_overlappend():
    m = schoon("WMO301")
    dubbel = _overlappend_product(m)
    dubbel.ingangsdatum, dubbel.einddatum = (
        date(2026, 11, 1),
        date(2026, 12, 31),
    )  # after the first
    assert not bevindingen(m, "TR302")
    dubbel.ingangsdatum = date(2026, 10, 31)
    gemeld(m, "TR302", pad=paden.toegewezen_product(3))


def test_tr302_categorie_11_tot_14_mag_overlappen():
    m = schoon("WMO301")
    dubbel = _overlappend_product(m)
    for product in (m.client.toegewezen_producten[0], dubbel):
        product.product = Product(categorie="11", code="11A01")
    assert not bevindingen(m, "TR302")


def test_tr386_product_niet_overlappend_in_315():
    m = schoon("WMO315")
    assert not bevindingen(m, "TR386")
    dubbel = deepcopy(m.client.aangevraagde_producten[0])
    dubbel.referentie_aanbieder = "AANV-2026-032"
    m.client.aangevraagde_producten.append(dubbel)
    gemeld(m, "TR386", pad=paden.aangevraagd_product(2))


def test_tr410_nieuw_product_niet_overlappend_in_317():
    m = schoon("WMO317")
    assert not bevindingen(m, "TR410")
    m.client.verzoek.nieuwe_producten.append(
        NieuwProduct(
            product=Product(categorie="03"),
            gewenste_ingangsdatum=date(2026, 7, 1),
            budget=1000,
            einddatum=date(2026, 8, 1),
        )
    )
    gemeld(m, "TR410", pad=paden.nieuw_product(2))


# --- WMO301 -----------------------------------------------------------------------------


def test_tr101_dubbele_toewijzing_in_301():
    m = schoon("WMO301")
    assert not bevindingen(m, "TR101")
    m.client.toegewezen_producten[1].toewijzing_nummer = 260001
    gemeld(m, "TR101", pad=paden.toegewezen_product(2))


def test_cs335_reden_13_alleen_bij_gelijke_data():
    m = schoon("WMO301")
    tp = m.client.toegewezen_producten[0]
    tp.reden_wijziging, tp.einddatum = "13", tp.ingangsdatum
    assert not bevindingen(m, "CS335")
    tp.einddatum = date(2026, 3, 2)
    gemeld(m, "CS335", pad=paden.toegewezen_product(1))


def test_cs336_reden_01_niet_gebruiken():
    m = schoon("WMO301")
    m.client.toegewezen_producten[0].reden_wijziging = "02"
    assert not bevindingen(m, "CS336")
    m.client.toegewezen_producten[0].reden_wijziging = "01"
    gemeld(m, "CS336", pad=paden.toegewezen_product(1))


def test_cd007_taal_alleen_bij_tolk():
    m = schoon("WMO301")  # Vorm 1 with Taal
    assert not bevindingen(m, "CD007")
    m.client.communicatie = Communicatie(vorm="1")
    gemeld(m, "CD007", pad=paden.CLIENT)
    m.client.communicatie = Communicatie(vorm="2", taal="Pools")
    gemeld(m, "CD007", pad=paden.CLIENT)


def test_tr061_woonadres_aanwezig():
    m = schoon("WMO301")
    assert not bevindingen(m, "TR061")
    m.client.contactgegevens[0].soort = "04"
    gemeld(m, "TR061", pad=paden.CLIENT)


def _telefoon() -> Telefoonnummers:
    return Telefoonnummers(
        telefoon01=Telefoon(telefoonnummer="0201234567", landnummer="0031")
    )


def test_tr006_contact_met_telefoon_of_adres():
    m = schoon("WMO301")
    assert not bevindingen(m, "TR006")
    m.client.contactgegevens.append(Contact(soort="02", telefoon=_telefoon()))
    assert not bevindingen(m, "TR006")
    m.client.contactgegevens.append(
        Contact(soort="02", adres=Adres(straatnaam="Dorpsstraat"))
    )
    gemeld(m, "TR006", pad=paden.contact(3))


def test_cd025_huis_verplicht_in_nederland():
    m = schoon("WMO301")
    assert not bevindingen(m, "CD025")
    m.client.contactgegevens[0].adres.huis = None
    gemeld(m, "CD025", pad=paden.contact(1))


def test_cd034_postcode_verplicht_bij_soort_01_03():
    m = schoon("WMO301")
    assert not bevindingen(m, "CD034")
    m.client.relaties[0].contact.adres.postcode = None
    gemeld(m, "CD034", pad=paden.relatie_contact(1))


def test_cd005_landcode_alleen_bij_postcode():
    m = schoon("WMO301")
    assert not bevindingen(m, "CD005")
    m.client.contactgegevens[0].adres.land_code = None
    gemeld(m, "CD005", pad=paden.contact(1))


def test_cs089_nederlandse_postcode():
    m = schoon("WMO301")
    assert not bevindingen(m, "CS089")
    m.client.contactgegevens[0].adres.postcode = "1015 nx"
    gemeld(m, "CS089", pad=paden.contact(1))


def test_cd009_periode_alleen_bij_tijdelijk_adres():
    m = schoon("WMO301")
    tijdelijk = Contact(
        soort="04",
        telefoon=_telefoon(),
        periode=OpenPeriode(begindatum=date(2026, 3, 1)),
    )
    m.client.contactgegevens.append(tijdelijk)
    assert not bevindingen(m, "CD009")
    tijdelijk.soort = "02"
    gemeld(m, "CD009", pad=paden.contact(2))


def test_cs003_contactperiode_einddatum_niet_voor_begindatum():
    m = schoon("WMO301")
    periode = OpenPeriode(begindatum=date(2026, 3, 1), einddatum=date(2026, 3, 1))
    m.client.contactgegevens.append(
        Contact(soort="04", telefoon=_telefoon(), periode=periode)
    )
    assert not bevindingen(m, "CS003")
    periode.einddatum = date(2026, 2, 28)
    gemeld(m, "CS003", pad=paden.contact(2))


# --- WMO305 / WMO307 ----------------------------------------------------------------


def test_tr101_dubbele_start_in_305():
    m = schoon("WMO305")
    assert not bevindingen(m, "TR101")
    m.client.start_producten.append(deepcopy(m.client.start_producten[0]))
    gemeld(m, "TR101", pad=paden.start_product(3))


@pytest.mark.parametrize("bericht", ["WMO305", "WMO307"])
def test_cs058_status_aanlevering_2_is_0001(bericht):
    m = schoon(bericht)
    assert not bevindingen(m, "CS058")
    product = (
        m.client.start_producten if bericht == "WMO305" else m.client.stop_producten
    )[0]
    product.status_aanlevering = "2"  # OP033: gewijzigd is not allowed
    gemeld(m, "CS058")


def test_tr018_einddatum_niet_voor_begindatum():
    m = schoon("WMO307")
    stop = m.client.stop_producten[0]
    stop.einddatum = stop.begindatum
    assert not bevindingen(m, "TR018")
    stop.einddatum = date(2026, 3, 1)
    gemeld(m, "TR018", pad=paden.stop_product(1))


# --- WMO315 / WMO317 / WMO319 ---------------------------------------------------------


def test_tr383_referentie_aanbieder_uniek():
    m = schoon("WMO315")
    assert not bevindingen(m, "TR383")
    m.client.aangevraagde_producten.append(deepcopy(m.client.aangevraagde_producten[0]))
    gemeld(m, "TR383", pad=paden.aangevraagd_product(2))


def test_cd043_beschikkingingangsdatum_bij_beschikkingnummer():
    m = schoon("WMO315")
    assert not bevindingen(m, "CD043")
    m.client.aangevraagde_producten[0].beschikking_ingangsdatum = None
    gemeld(m, "CD043", pad=paden.aangevraagd_product(1))


def test_cd066_geen_naam_bij_zorgverlenercode():
    m = schoon("WMO315")
    assert not bevindingen(m, "CD066")
    m.client.aangevraagde_producten[0].verwijzer.naam = "Huisarts Jansen"
    gemeld(m, "CD066", pad=paden.aangevraagd_product(1))


def test_cd067_naam_zonder_zorgverlenercode():
    m = schoon("WMO315")
    verwijzer = m.client.aangevraagde_producten[0].verwijzer
    verwijzer.zorgverlener_code, verwijzer.naam = None, "Huisarts Jansen"
    assert not bevindingen(m, "CD067")
    verwijzer.naam = None
    gemeld(m, "CD067", pad=paden.aangevraagd_product(1))


def test_cd068_zorgverlenercode_alleen_bij_type_02_05():
    m = schoon("WMO315")
    assert not bevindingen(m, "CD068")
    m.client.aangevraagde_producten[0].verwijzer.type = "01"
    gemeld(m, "CD068", pad=paden.aangevraagd_product(1))


def test_tr101_dubbel_te_wijzigen_product_in_317():
    m = schoon("WMO317")
    assert not bevindingen(m, "TR101")
    m.client.verzoek.te_wijzigen_producten.append(
        deepcopy(m.client.verzoek.te_wijzigen_producten[0])
    )
    gemeld(m, "TR101", pad=paden.te_wijzigen_product(2))


def test_tr352_ongewijzigd_of_te_wijzigen_product():
    m = schoon("WMO317")
    m.client.verzoek.ongewijzigde_producten = []
    assert not bevindingen(m, "TR352")
    m.client.verzoek.te_wijzigen_producten = []
    gemeld(m, "TR352", pad=paden.VERZOEK)


def test_tr353_te_wijzigen_of_nieuw_product():
    m = schoon("WMO317")
    m.client.verzoek.nieuwe_producten = []
    assert not bevindingen(m, "TR353")
    m.client.verzoek.te_wijzigen_producten = []
    gemeld(m, "TR353", pad=paden.VERZOEK)


def test_tr380_gewenste_ingangsdatum_na_dagtekening():
    m = schoon("WMO317")  # dagtekening 2026-05-12
    m.client.verzoek.nieuwe_producten[0].gewenste_ingangsdatum = date(2026, 5, 13)
    assert not bevindingen(m, "TR380")
    m.client.verzoek.nieuwe_producten[0].gewenste_ingangsdatum = date(2026, 5, 12)
    gemeld(m, "TR380", pad=paden.nieuw_product(1))


def test_cd085_reden_afwijzing_bij_afwijzing():
    m = schoon("WMO319")
    m.antwoord.verzoek_antwoord = "1"
    m.antwoord.reden_afwijzing_verzoek = "3"
    assert not bevindingen(m, "CD085")
    m.antwoord.reden_afwijzing_verzoek = None
    gemeld(m, "CD085", pad=paden.ANTWOORD)


def test_cd086_geen_reden_afwijzing_bij_onderzoek():
    m = schoon("WMO319")  # VerzoekAntwoord 2
    assert not bevindingen(m, "CD086")
    m.antwoord.reden_afwijzing_verzoek = "3"
    gemeld(m, "CD086", pad=paden.ANTWOORD)


# --- WMO323 ------------------------------------------------------------------------


def _prestatie(m, client: int = 0, nr: int = 0):
    return m.declaratie.clienten[client].prestaties[nr]


def _credit(m, referentie: str, vorig: str, *, client: int = 0):
    """Append a credit line for `vorig` (a copy of the first line), totals kept right."""
    credit = deepcopy(_prestatie(m, client))
    credit.product_referentie = Referentie(
        referentie_nummer=referentie, vorig_referentie_nummer=vorig
    )
    credit.ingediend_bedrag = Bedrag(
        bedrag=credit.ingediend_bedrag.bedrag, debet_credit="C"
    )
    m.declaratie.clienten[client].prestaties.append(credit)
    m.declaratie.totaal_ingediend_bedrag.totaal_bedrag -= credit.ingediend_bedrag.bedrag
    return credit


def test_tr101_dubbele_client_of_prestatie_in_323():
    m = schoon("WMO323")
    assert not bevindingen(m, "TR101")
    m.declaratie.clienten[1].bsn = m.declaratie.clienten[0].bsn
    gemeld(m, "TR101", pad=paden.declaratie_client(2))
    m = schoon("WMO323")
    m.declaratie.clienten[0].prestaties.append(deepcopy(_prestatie(m)))
    gemeld(m, "TR101", pad=paden.prestatie(1, 3))


def test_cs340_declaratieperiode_een_kalendermaand():
    m = schoon("WMO323")
    assert not bevindingen(m, "CS340")
    m.declaratie.declaratie_periode.einddatum = date(2026, 9, 29)
    gemeld(m, "CS340", pad=paden.DECLARATIE)
    m.declaratie.declaratie_periode.begindatum = date(2026, 2, 1)
    m.declaratie.declaratie_periode.einddatum = date(2026, 2, 28)
    assert not bevindingen(m, "CS340")


def test_cs100_perioden_vanaf_2021():
    m = schoon("WMO323")
    assert not bevindingen(m, "CS100")
    periode = _prestatie(m).product_periode
    periode.begindatum, periode.einddatum = date(2020, 12, 1), date(2020, 12, 31)
    gemeld(m, "CS100", pad=paden.prestatie(1, 1))


def test_cs337_productperiode_binnen_een_maand():
    m = schoon("WMO323")
    assert not bevindingen(m, "CS337")
    _prestatie(m, 1).product_periode.begindatum = date(2026, 8, 31)
    gemeld(m, "CS337", pad=paden.prestatie(2, 1))


def test_tr137_periode_einde_tussen_begin_en_dagtekening():
    m = schoon("WMO323")
    assert not bevindingen(m, "TR137")
    _prestatie(m).product_periode.begindatum = date(2026, 10, 1)  # after Einddatum
    gemeld(m, "TR137", pad=paden.prestatie(1, 1))
    m = schoon("WMO323")
    m.declaratie.declaratie_periode.einddatum = date(2026, 10, 7)  # after dagtekening
    gemeld(m, "TR137", pad=paden.DECLARATIE)


def test_tr335_einddatum_max_5_jaar_oud():
    m = schoon("WMO323")  # DeclaratieDagtekening 2026-10-06
    periode = _prestatie(m).product_periode
    periode.begindatum, periode.einddatum = date(2021, 10, 1), date(2021, 10, 6)
    assert not bevindingen(m, "TR335")
    periode.einddatum = date(2021, 10, 5)
    gemeld(m, "TR335", pad=paden.prestatie(1, 1))


def test_cd087_producttarief_alleen_bij_eenheid_niet_83():
    m = schoon("WMO323")
    assert not bevindingen(m, "CD087")
    _prestatie(m).product_tarief = None
    gemeld(m, "CD087", pad=paden.prestatie(1, 1))
    m = schoon("WMO323")
    _prestatie(m, 0, 1).product_tarief = 100  # Eenheid 83
    gemeld(m, "CD087", pad=paden.prestatie(1, 2))


def test_cs339_bedrag_is_volume_bij_eenheid_83():
    m = schoon("WMO323")
    assert not bevindingen(m, "CS339")
    _prestatie(m, 0, 1).geleverd_volume = 19999
    gemeld(m, "CS339", pad=paden.prestatie(1, 2))


def test_cs325_debet_bij_bedrag_nul():
    m = schoon("WMO323")
    p = _prestatie(m, 1)
    p.geleverd_volume, p.ingediend_bedrag = 0, Bedrag(bedrag=0, debet_credit="D")
    m.declaratie.totaal_ingediend_bedrag.totaal_bedrag -= 42000
    assert not bevindingen(m, "CS325")
    p.ingediend_bedrag.debet_credit = "C"
    p.product_referentie.vorig_referentie_nummer = "PR-2026-08-003"
    gemeld(m, "CS325", pad=paden.prestatie(2, 1))


def test_cd060_vorig_referentienummer_alleen_bij_credit():
    m = schoon("WMO323")
    _credit(m, "PR-2026-09-004", "PR-2026-08-001")
    assert not bevindingen(m, "CD060")
    _prestatie(
        m
    ).product_referentie.vorig_referentie_nummer = "PR-2026-08-009"  # on a debet line
    gemeld(m, "CD060", pad=paden.prestatie(1, 1))
    m = schoon("WMO323")
    _credit(
        m, "PR-2026-09-004", "PR-2026-08-001"
    ).product_referentie.vorig_referentie_nummer = None
    gemeld(m, "CD060", pad=paden.prestatie(1, 3))


def test_tr315_vorig_referentienummer_uniek():
    m = schoon("WMO323")
    _credit(m, "PR-2026-09-004", "PR-2026-08-001")
    assert not bevindingen(m, "TR315")
    _credit(m, "PR-2026-09-005", "PR-2026-08-001", client=1)
    gemeld(m, "TR315", pad=paden.prestatie(2, 2))


def test_tr316_debet_niet_crediteren_in_zelfde_bericht():
    m = schoon("WMO323")
    _credit(m, "PR-2026-09-004", "PR-2026-08-001")
    assert not bevindingen(m, "TR316")
    _credit(m, "PR-2026-09-005", "PR-2026-09-003", client=1)  # a debet of this message
    gemeld(m, "TR316", pad=paden.prestatie(2, 2))


def test_tr416_een_debet_per_product_en_periode():
    m = schoon("WMO323")
    _credit(m, "PR-2026-09-004", "PR-2026-08-001")  # a credit for the same key is fine
    assert not bevindingen(m, "TR416")
    tweede = deepcopy(_prestatie(m))
    tweede.product_referentie = Referentie(referentie_nummer="PR-2026-09-005")
    m.declaratie.clienten[0].prestaties.append(tweede)
    gemeld(m, "TR416", pad=paden.prestatie(1, 4))


def test_tr358_totaal_is_som_van_prestaties():
    m = schoon("WMO323")
    assert not bevindingen(m, "TR358")
    _credit(m, "PR-2026-09-004", "PR-2026-08-001")  # debet positive, credit negative
    assert not bevindingen(m, "TR358")
    m.declaratie.totaal_ingediend_bedrag.totaal_bedrag += 1
    gemeld(m, "TR358", pad=paden.DECLARATIE)


def test_tr314_productreferentie_uniek_is_8021_per_prestatie():
    m = schoon("WMO323")
    assert not bevindingen(m, "TR314")
    _prestatie(
        m, 1
    ).product_referentie.referentie_nummer = "PR-2026-09-001"  # other client
    gevonden = gemeld(m, "TR314", pad=paden.prestatie(2, 1), retourcode="8021")
    assert gevonden[0].niveau == 3
    assert not controleer_inhoud(
        m
    )  # not level 2: the line is rejected, not the message


def test_tr346_bedrag_is_volume_maal_tarief():
    m = schoon("WMO323")
    assert not bevindingen(m, "TR346")
    _prestatie(m).geleverd_volume = 11  # 11 x 5250 != 63000
    gevonden = gemeld(m, "TR346", pad=paden.prestatie(1, 1), retourcode="9346")
    assert gevonden[0].niveau == 4
    assert not controleer_inhoud(m)


# --- WMO317 TeWijzigenProduct: the product rules of NieuwProduct (3.2 table) -------


def _te_wijzigen(m):
    return m.client.verzoek.te_wijzigen_producten[0]


def test_cs003_te_wijzigen_product_einddatum_niet_voor_ingangsdatum():
    m = schoon("WMO317")
    tw = _te_wijzigen(m)
    tw.einddatum = tw.gewenste_ingangsdatum
    assert not bevindingen(m, "CS003")
    tw.einddatum = date(2026, 5, 31)
    gemeld(m, "CS003", pad=paden.te_wijzigen_product(1))


def test_cs338_te_wijzigen_product_frequentie_bij_eenheid():
    m = schoon("WMO317")
    omvang = _te_wijzigen(m).omvang
    omvang.eenheid, omvang.frequentie = "16", "4"
    assert not bevindingen(m, "CS338")
    omvang.frequentie = "1"
    gemeld(m, "CS338", pad=paden.te_wijzigen_product(1))
    _te_wijzigen(m).einddatum = date(2020, 12, 31)  # before 2021 the rule is silent
    _te_wijzigen(m).gewenste_ingangsdatum = date(2020, 6, 1)
    assert not bevindingen(m, "CS338")


def test_cd076_te_wijzigen_product_einddatum_bij_frequentie_per_week():
    m = schoon("WMO317")  # TeWijzigenProduct: Frequentie 2 with an Einddatum
    assert not bevindingen(m, "CD076")
    _te_wijzigen(m).einddatum = None
    gemeld(m, "CD076", pad=paden.te_wijzigen_product(1))


def test_cd075_te_wijzigen_product_einddatum_bij_budget():
    m = schoon("WMO317")
    tw = _te_wijzigen(m)
    tw.omvang, tw.budget = None, 50000
    assert not bevindingen(m, "CD075")
    tw.einddatum = None
    gemeld(m, "CD075", pad=paden.te_wijzigen_product(1))


def test_cd077_te_wijzigen_product_omvang_leeg_bij_budget():
    m = schoon("WMO317")
    assert not bevindingen(m, "CD077")
    _te_wijzigen(m).budget = 50000
    gemeld(m, "CD077", pad=paden.te_wijzigen_product(1))


def test_cd078_te_wijzigen_product_budget_leeg_bij_omvang():
    m = schoon("WMO317")
    tw = _te_wijzigen(m)
    tw.omvang, tw.budget = None, 50000
    assert not bevindingen(m, "CD078")
    tw.omvang = deepcopy(m.client.verzoek.nieuwe_producten[0].omvang)
    gemeld(m, "CD078", pad=paden.te_wijzigen_product(1))


def test_cd078_budget_leeg_bij_omvang_in_301():
    m = schoon("WMO301")
    assert not bevindingen(m, "CD078")
    m.client.toegewezen_producten[1].budget = 120000
    gemeld(m, "CD078", pad=paden.toegewezen_product(2))


# --- TR101 in every message it applies to, IV034 --------------------------------------


def test_tr101_317_toewijzingnummer_once_over_ongewijzigd_and_te_wijzigen():
    m = schoon("WMO317")
    verzoek = m.client.verzoek
    assert not bevindingen(m, "TR101")
    verzoek.ongewijzigde_producten[0].toewijzing_nummer = verzoek.te_wijzigen_producten[
        0
    ].toewijzing_nummer
    gemeld(m, "TR101", pad=paden.te_wijzigen_product(1))


def test_tr101_dubbel_aangevraagd_product_in_315():
    m = schoon("WMO315")
    assert not bevindingen(m, "TR101")
    tweede = deepcopy(m.client.aangevraagde_producten[0])
    tweede.referentie_aanbieder = "ANDERE-REF"
    m.client.aangevraagde_producten.append(tweede)
    gemeld(m, "TR101", pad=paden.aangevraagd_product(2))
    tweede.toewijzing_einddatum = None  # a different line: no duplicate
    assert not bevindingen(m, "TR101")


def test_tr101_dubbele_prestatie_in_325():
    m = schoon("WMO325")
    assert not bevindingen(m, "TR101")
    client = m.declaratie_antwoord.clienten[0]
    client.prestaties.append(deepcopy(client.prestaties[0]))
    gemeld(m, "TR101", pad=paden.prestatie(1, 2))
    m.declaratie_antwoord.clienten.append(deepcopy(client))
    gemeld(m, "TR101", pad=paden.declaratie_client(2))


@pytest.mark.parametrize(
    "bericht", ["WMO301", "WMO305", "WMO307", "WMO315", "WMO317", "WMO319", "WMO323"]
)
def test_iv034_xsd_versie_is_that_of_the_schema(bericht):
    m = schoon(bericht)
    assert not bevindingen(m, "IV034")
    m.header.xsd_versie.bericht_xsd_versie = "1.0.1"
    gemeld(m, "IV034", pad=paden.HEADER)
    m.header.xsd_versie.bericht_xsd_versie = "1.0.0"
    m.header.xsd_versie.basisschema_xsd_versie = "2.0.0"
    gemeld(m, "IV034", pad=paden.HEADER)


@pytest.mark.parametrize(
    "bericht",
    ["WMO301", "WMO305", "WMO307", "WMO315", "WMO317", "WMO319", "WMO323", "WMO325"],
)
def test_tr135_dagtekening_not_after_the_system_date(bericht):
    m = schoon(bericht)
    dag = m.header.bericht_identificatie.dagtekening
    assert tr135_niet_in_de_toekomst(m, dag) == []
    (fout,) = [
        b
        for b in tr135_niet_in_de_toekomst(m, dag - timedelta(days=1))
        if b.pad == paden.HEADER
    ]
    assert (fout.regel, fout.retourcode, fout.niveau) == ("TR135", "8848", 4)


def test_tr135_not_for_retours():
    assert tr135_niet_in_de_toekomst(schoon("WMO302"), date(2000, 1, 1)) == []


# --- WMO325 (received by the aanbieder) ---------------------------------------------


def _antwoord_prestatie(m):
    return m.declaratie_antwoord.clienten[0].prestaties[0]


def test_tr342_declaratie_antwoord_holds_only_rejected_prestaties():
    m = schoon("WMO325")
    assert not bevindingen(m, "TR342")
    _antwoord_prestatie(m).retourcodes = ["0200"]
    gemeld(m, "TR342", pad=paden.prestatie(1, 1))


def test_tr137_productperiode_in_declaratie_antwoord():
    m = schoon("WMO325")
    assert not bevindingen(m, "TR137")
    periode = _antwoord_prestatie(m).product_periode
    periode.einddatum = periode.begindatum - timedelta(days=1)
    gemeld(m, "TR137", pad=paden.prestatie(1, 1))


def test_tr134_declaratie_dagtekening_not_after_that_of_the_antwoord():
    m = schoon("WMO325")
    assert not bevindingen(m, "TR134")
    m.header.declaratie_identificatie.dagtekening = (
        m.header.bericht_identificatie.dagtekening + timedelta(days=1)
    )
    gemeld(m, "TR134", pad=paden.HEADER)


def test_cs002_bsn_elfproef_in_325():
    m = schoon("WMO325")
    assert not bevindingen(m, "CS002")
    m.declaratie_antwoord.clienten[0].bsn = "123456780"
    gemeld(m, "CS002", pad=paden.declaratie_client(1))


def test_cd060_vorig_referentienummer_in_325():
    m = schoon("WMO325")
    assert not bevindingen(m, "CD060")
    _antwoord_prestatie(m).ingediend_bedrag.debet_credit = "C"
    gemeld(m, "CD060", pad=paden.prestatie(1, 1))


def test_cs325_debet_bij_bedrag_nul_in_325():
    m = schoon("WMO325")
    assert not bevindingen(m, "CS325")
    m.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag = 0
    m.declaratie_antwoord.totaal_toegekend_bedrag.debet_credit = "C"
    gemeld(m, "CS325", pad=paden.DECLARATIE)


# --- the registry ------------------------------------------------------------------


def test_every_registered_rule_has_a_test():
    namen = {naam for naam in globals() if naam.startswith("test_")}
    ids = {
        functie.__name__.split("_")[0]
        for register in (regels.basis.INHOUD, regels.basis.ZONDER_DATABASE)
        for functies in register.values()
        for functie in functies
    }
    assert ids, "geen regels geregistreerd"
    zonder_test = sorted(
        i for i in ids if not any(n.startswith(f"test_{i}_") for n in namen)
    )
    assert zonder_test == []


def test_level_2_findings_are_niveau_2_with_0001():
    m = schoon("WMO323")
    m.declaratie.declaratie_periode.einddatum = date(2026, 9, 29)
    _prestatie(m).geleverd_volume = 11
    inhoud = controleer_inhoud(m)
    assert {b.regel for b in inhoud} == {"CS340"}
    assert {(b.niveau, b.retourcode) for b in inhoud} == {(2, "0001")}


def test_controleer_inhoud_runs_only_rules_of_the_type():
    assert controleer_inhoud(schoon("WMO319")) == []
    assert {f.__name__ for f in regels.regels_voor("WMO319")} == {
        "iv034_xsd_versie_van_het_schema",
        "cd085_reden_afwijzing_bij_afwijzing",
        "cd086_geen_reden_afwijzing_bij_onderzoek",
    }


def test_10000_valid_prestaties_pass_level_2():
    """Speed is measured in benchmarks/bench_codec.py, not here."""
    assert regels.controleer_zonder_database(grote_declaratie(10_000)) == []
