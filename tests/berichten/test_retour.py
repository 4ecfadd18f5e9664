"""bouw_retour: every retour validates against the project XSD and follows rules.md §6–7."""

from copy import deepcopy
from datetime import date

import pytest

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.retour import bouw_retour
from berichten.xml import codec, validation
from berichten.xml.parser import parse
from berichten.xml.types import Bedrag, Referentie
from tests.berichten.regels_helpers import HEEN, grote_declaratie, schoon

DAG = date(2026, 11, 2)

# A rejectable berichtklasse per heen type, with a retourcode the XSD accepts.
KLASSE = {
    "WMO301": (paden.toegewezen_product(2), "9332"),
    "WMO305": (paden.start_product(2), "9063"),
    "WMO307": (paden.stop_product(1), "9069"),
    "WMO315": (paden.aangevraagd_product(1), "9347"),
    "WMO317": (paden.nieuw_product(1), "9349"),
    "WMO319": (paden.ANTWOORD, "9355"),
    "WMO323": (paden.prestatie(2, 1), "9307"),
}


def bevinding(pad: str, code: str, niveau: int = 3, regel: str = "TR999") -> Bevinding:
    return Bevinding(niveau=niveau, regel=regel, retourcode=code, pad=pad, tekst="fout")


def retour(heen, bevindingen):
    message = bouw_retour(heen, bevindingen, identificatie="R0001", dagtekening=DAG)
    fouten = validation.validate(parse(codec.encode(message)), message.BERICHT)
    assert fouten == [], fouten[:3]
    return message


@pytest.mark.parametrize("bericht", HEEN)
@pytest.mark.parametrize("geval", ["goed", "inhoud", "duplicaat", "header", "klasse"])
def test_every_retour_validates_against_the_project_xsd(bericht, geval):
    pad, code = KLASSE[bericht]
    bevindingen = {
        "goed": [],
        "inhoud": [bevinding(paden.CLIENT, "0001", niveau=2, regel="CS002")],
        "duplicaat": [bevinding(paden.HEADER, "9056", regel="TR056")],
        "header": [bevinding(paden.HEADER, "S300", niveau=4, regel="TR378")],
        "klasse": [bevinding(pad, code)],
    }[geval]
    retour(schoon(bericht), bevindingen)


@pytest.mark.parametrize("bericht", [b for b in HEEN if b != "WMO323"])
def test_all_ok_is_header_without_retourcodes(bericht):
    heen = schoon(bericht)
    message = retour(heen, [])
    assert f"WMO{int(bericht[3:]) + 1}" == message.BERICHT
    h = message.header
    assert h.retourcodes == []
    assert (h.afzender, h.ontvanger) == (
        heen.header.afzender,
        heen.header.ontvanger,
    )  # not swapped
    assert h.bericht_identificatie == heen.header.bericht_identificatie
    assert (h.identificatie_retour, h.dagtekening_retour) == ("R0001", DAG)
    assert (
        getattr(message, "client", None) is None
        and getattr(message, "antwoord", None) is None
    )


@pytest.mark.parametrize("bericht", [b for b in HEEN if b != "WMO323"])
@pytest.mark.parametrize(("code", "regel"), [("0001", "CS002"), ("9056", "TR056")])
def test_level_2_or_duplicate_is_header_only(bericht, code, regel):
    pad, klasse_code = KLASSE[bericht]
    message = retour(
        schoon(bericht),
        [bevinding(pad, klasse_code), bevinding(paden.HEADER, code, 2, regel)],
    )
    assert message.header.retourcodes == [code]
    assert getattr(message, "client", None) is None


def test_header_error_is_header_only_with_rule_code():
    message = retour(
        schoon("WMO305"),
        [
            bevinding(paden.HEADER, "S300", 4, "TR378"),
            bevinding(paden.start_product(1), "9063"),
        ],
    )
    assert message.header.retourcodes == ["S300"]
    assert message.client is None


def test_306_copies_the_client_with_codes_per_berichtklasse():
    # IV028: a start with StatusAanlevering 3 without an earlier start.
    heen = schoon("WMO305")
    message = retour(heen, [bevinding(paden.start_product(2), "9063", regel="TR063")])
    assert message.header.retourcodes == ["0200"]
    assert message.client.retourcodes == ["0200"]
    assert [p.retourcodes for p in message.client.start_producten] == [
        ["0200"],
        ["9063"],
    ]
    assert message.client.bsn == heen.client.bsn
    assert (
        message.client.start_producten[1].begindatum
        == heen.client.start_producten[1].begindatum
    )


def test_302_has_codes_on_client_relatie_contact_and_toegewezen_product():
    message = retour(
        schoon("WMO301"),
        [bevinding(paden.toegewezen_product(2), "9332", regel="TR332")],
    )
    client = message.client
    assert client.retourcodes == ["0200"]
    assert client.relaties[0].retourcodes == ["0200"]
    assert client.relaties[0].contact.retourcodes == ["0200"]
    assert client.contactgegevens[0].retourcodes == ["0200"]
    assert [p.retourcodes for p in client.toegewezen_producten] == [["0200"], ["9332"]]


def test_finding_on_client_marks_its_classes_not_judged():
    message = retour(schoon("WMO317"), [bevinding(paden.CLIENT, "9374", regel="TR374")])
    client = message.client
    assert client.retourcodes == ["9374"]
    assert client.verzoek.retourcodes == ["0233"]
    assert client.verzoek.nieuwe_producten[0].retourcodes == ["0233"]


def test_element_pad_is_attached_to_its_berichtklasse():
    pad = paden.stop_product(1) + "/Einddatum"
    message = retour(schoon("WMO307"), [bevinding(pad, "9413"), bevinding(pad, "9414")])
    assert message.client.stop_producten[0].retourcodes == ["9413", "9414"]


def test_320_antwoord_gets_the_code():
    message = retour(
        schoon("WMO319"), [bevinding(paden.ANTWOORD, "9355", regel="TR355")]
    )
    assert message.header.retourcodes == ["0200"]
    assert message.antwoord.retourcodes == ["9355"]


# --- 325 ---------------------------------------------------------------------------------


def test_325_all_approved_is_0200_and_8001():
    heen = schoon("WMO323")
    message = retour(heen, [])
    h = message.header
    assert (h.afzender, h.ontvanger) == (heen.header.ontvanger, heen.header.afzender)
    assert h.bericht_identificatie.identificatie == "R0001"
    assert h.bericht_identificatie.dagtekening == DAG
    assert h.declaratie_identificatie == heen.header.bericht_identificatie
    assert h.xsd_versie_declaratie == heen.header.xsd_versie
    assert h.retourcodes == ["0200"]
    antwoord = message.declaratie_antwoord
    assert antwoord.retourcodes == ["8001"]
    assert antwoord.declaratie_nummer == heen.declaratie.declaratie_nummer
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 125000
    assert antwoord.totaal_ingediend_bedrag.totaal_bedrag == 125000
    assert antwoord.clienten == []


def test_325_rejected_prestatie_only_that_client_and_line():
    heen = schoon("WMO323")
    message = retour(heen, [bevinding(paden.prestatie(1, 1), "9346", 4, "TR346")])
    antwoord = message.declaratie_antwoord
    assert message.header.retourcodes == ["0200"]
    assert antwoord.retourcodes == ["0200"]
    assert [c.bsn for c in antwoord.clienten] == [heen.declaratie.clienten[0].bsn]
    client = antwoord.clienten[0]
    assert client.retourcodes == ["0200"]
    assert [p.product_referentie.referentie_nummer for p in client.prestaties] == [
        "PR-2026-09-001"
    ]
    assert client.prestaties[0].retourcodes == ["9346"]
    assert (
        client.prestaties[0].ingediend_bedrag
        == heen.declaratie.clienten[0].prestaties[0].ingediend_bedrag
    )
    assert antwoord.totaal_ingediend_bedrag.totaal_bedrag == 125000
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 125000 - 63000
    assert antwoord.totaal_toegekend_bedrag.debet_credit == "D"


def test_325_rejected_client_returns_all_its_lines_not_judged():
    message = retour(
        schoon("WMO323"), [bevinding(paden.declaratie_client(1), "8187", regel="TR304")]
    )
    client = message.declaratie_antwoord.clienten[0]
    assert client.retourcodes == ["8187"]
    assert [p.retourcodes for p in client.prestaties] == [["0233"], ["0233"]]
    assert message.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 42000


def test_325_declaratie_error_grants_nothing():
    message = retour(
        schoon("WMO323"), [bevinding(paden.DECLARATIE, "9333", regel="TR333")]
    )
    antwoord = message.declaratie_antwoord
    assert message.header.retourcodes == ["0200"]
    assert antwoord.retourcodes == ["9333"]
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
    assert antwoord.clienten == []


def test_325_toegekend_with_credit_sign():
    heen = schoon("WMO323")
    credit = deepcopy(heen.declaratie.clienten[1].prestaties[0])
    credit.product_referentie = Referentie(
        referentie_nummer="PR-2026-09-009", vorig_referentie_nummer="PR-2026-08-003"
    )
    credit.ingediend_bedrag = Bedrag(bedrag=500000, debet_credit="C")
    heen.declaratie.clienten[1].prestaties.append(credit)
    heen.declaratie.totaal_ingediend_bedrag.totaal_bedrag = 375000
    heen.declaratie.totaal_ingediend_bedrag.debet_credit = "C"
    message = retour(heen, [bevinding(paden.prestatie(1, 1), "9307")])
    toegekend = message.declaratie_antwoord.totaal_toegekend_bedrag
    assert (toegekend.totaal_bedrag, toegekend.debet_credit) == (
        500000 - 20000 - 42000,
        "C",
    )
    assert message.declaratie_antwoord.totaal_ingediend_bedrag.debet_credit == "C"


@pytest.mark.parametrize("code", ["0001", "9056"])
def test_325_level_2_or_duplicate_is_header_only(code):
    message = retour(schoon("WMO323"), [bevinding(paden.DECLARATIE, code, 2, "CS340")])
    assert message.header.retourcodes == [code]
    assert message.declaratie_antwoord is None


def test_325_for_10000_prestaties_carries_only_the_rejected_line():
    heen = grote_declaratie(10_000)
    message = bouw_retour(
        heen,
        [bevinding(paden.prestatie(1, 5000), "9307")],
        identificatie="R1",
        dagtekening=DAG,
    )
    (client,) = message.declaratie_antwoord.clienten
    (prestatie,) = client.prestaties
    assert prestatie.retourcodes == ["9307"]
