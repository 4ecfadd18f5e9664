"""The sample messages, and the broken documents derived from each (for the schema tests)."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from berichten.xml.validation import (
    OFFICIAL_MESSAGES,
)

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
XS_NS = "http://www.w3.org/2001/XMLSchema"
BERICHT_CODES = {
    "WMO301": "414",
    "WMO302": "415",
    "WMO305": "418",
    "WMO306": "419",
    "WMO307": "420",
    "WMO308": "421",
    "WMO315": "444",
    "WMO316": "445",
    "WMO317": "480",
    "WMO318": "481",
    "WMO319": "482",
    "WMO320": "483",
    "WMO323": "484",
    "WMO325": "485",
}
RETOUR_MESSAGES = ("WMO302", "WMO306", "WMO308", "WMO316", "WMO318", "WMO320", "WMO325")
LATEST_SAMPLE_DATE = dt.date(2026, 11, 22)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def load(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), _PARSER)  # noqa: TID251  (trusted test files)


def bericht_of(path: Path) -> str:
    return path.stem.split("-")[0]


SAMPLES = sorted(SAMPLES_DIR.glob("WMO*.xml"))
SAMPLE_IDS = [p.stem for p in SAMPLES]
OFFICIAL_SAMPLES = [p for p in SAMPLES if bericht_of(p) in OFFICIAL_MESSAGES]


# --------------------------------------------------------------------------- helpers


def local_name(el: etree._Element) -> str:
    return etree.QName(el).localname


def _first(root: etree._Element, *names: str) -> etree._Element | None:
    """First element (document order) whose local name is one of ``names``."""
    for el in root.iter():
        if isinstance(el.tag, str) and local_name(el) in names:
            return el
    return None


def header_of(root: etree._Element) -> etree._Element:
    return root[0]


def header_child(root: etree._Element, name: str) -> etree._Element:
    el = header_of(root).find(f"{{{etree.QName(root).namespace}}}{name}")
    assert el is not None, name
    return el


def _set_text(names: tuple[str, ...], value: str) -> Callable[[etree._Element], bool]:
    def mutate(root: etree._Element) -> bool:
        el = _first(root, *names)
        if el is None:
            return False
        el.text = value
        return True

    return mutate


def _set_header(name: str, value: str) -> Callable[[etree._Element], bool]:
    def mutate(root: etree._Element) -> bool:
        header_child(root, name).text = value
        return True

    return mutate


def _remove(*names: str) -> Callable[[etree._Element], bool]:
    def mutate(root: etree._Element) -> bool:
        el = _first(root, *names)
        if el is None:
            return False
        el.getparent().remove(el)
        return True

    return mutate


def gemeente_element(root: etree._Element) -> etree._Element:
    for name in ("Afzender", "Ontvanger"):
        el = header_child(root, name)
        if re.fullmatch(r"[0-9]{4}", el.text or ""):
            return el
    raise AssertionError("no gemeente in header")


def agb_element(root: etree._Element) -> etree._Element:
    for name in ("Afzender", "Ontvanger"):
        el = header_child(root, name)
        if re.fullmatch(r"[0-9]{8}", el.text or ""):
            return el
    raise AssertionError("no AGB code in header")


def _gemeentecode_three_digits(root: etree._Element) -> bool:
    el = gemeente_element(root)
    el.text = el.text[1:]
    return True


def _gemeentecode_with_letter(root: etree._Element) -> bool:
    gemeente_element(root).text = "03A3"
    return True


def _agb_code_seven_digits(root: etree._Element) -> bool:
    el = agb_element(root)
    el.text = el.text[:7]
    return True


def _swap_header_identificatie_and_xsdversie(root: etree._Element) -> bool:
    ident = header_child(root, "BerichtIdentificatie")
    xsd = header_child(root, "XsdVersie")
    ident.addprevious(xsd)
    return True


def _swap_first_body_children(root: etree._Element) -> bool:
    """Swap the first two children of the first berichtklasse under the root body."""
    body = root[1] if len(root) > 1 else None
    if body is None or len(body) < 2:
        return False
    body[0].addprevious(body[1])
    return True


def _extra_element_in_header(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace
    etree.SubElement(header_of(root), f"{{{ns}}}Onbekend").text = "x"
    return True


def _extra_element_in_basis_type(root: etree._Element) -> bool:
    ident = header_child(root, "BerichtIdentificatie")
    etree.SubElement(ident, f"{{{BASIS_NS}}}Tijdstip").text = "12:00:00"
    return True


def _element_in_wrong_namespace(root: etree._Element) -> bool:
    ident = header_child(root, "BerichtIdentificatie")
    ident[0].tag = f"{{{etree.QName(root).namespace}}}Identificatie"
    return True


def _bericht_code_of_other_message(root: etree._Element) -> bool:
    el = header_child(root, "BerichtCode")
    el.text = "414" if el.text != "414" else "418"
    return True


def _remove_client_retourcodes(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace
    body = root[1] if len(root) > 1 else None
    if body is None:
        return False
    codes = body.find(f"{{{ns}}}RetourCodes")
    if codes is None:
        return False
    body.remove(codes)
    return True


def _empty_retourcodes_in_header(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace
    codes = header_of(root).find(f"{{{ns}}}RetourCodes")
    if codes is None:
        return False
    for child in list(codes):
        codes.remove(child)
    return True


def _retourcodes_in_heenbericht(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace
    codes = etree.SubElement(header_of(root), f"{{{ns}}}RetourCodes")
    etree.SubElement(codes, f"{{{ns}}}RetourCode").text = "0200"
    return True


def _amount(value: str) -> Callable[[etree._Element], bool]:
    return _set_text(("Bedrag", "Budget", "TotaalBedrag"), value)


# name -> mutation; a mutation returns False when it does not apply to a sample
MUTATIONS: dict[str, Callable[[etree._Element], bool]] = {
    "missing-header-berichtidentificatie": _remove("BerichtIdentificatie"),
    "missing-bsn": _remove("Bsn"),
    "missing-begindatum-or-ingangsdatum": _remove("Ingangsdatum", "Begindatum"),
    "missing-verzoekantwoord": _remove("VerzoekAntwoord"),
    "missing-totaal-toegekend-bedrag": _remove("TotaalToegekendBedrag"),
    "missing-berichtklasse-retourcodes": _remove_client_retourcodes,
    "header-retourcodes-without-retourcode": _empty_retourcodes_in_header,
    "retourcodes-in-heenbericht-header": lambda r: (
        header_of(r).find(f"{{{etree.QName(r).namespace}}}XsdVersieRetour") is None
        and header_of(r).find(f"{{{etree.QName(r).namespace}}}XsdVersieDeclaratie")
        is None
        and _retourcodes_in_heenbericht(r)
    ),
    "wrong-order-header": _swap_header_identificatie_and_xsdversie,
    "wrong-order-body": _swap_first_body_children,
    "gemeentecode-3-digits": _gemeentecode_three_digits,
    "gemeentecode-letters": _gemeentecode_with_letter,
    "agb-code-7-digits": _agb_code_seven_digits,
    "bsn-with-letter": _set_text(("Bsn",), "99999001A"),
    "bsn-10-digits": _set_text(("Bsn",), "9999900190"),
    "eenheid-99": _set_text(("Eenheid",), "99"),
    "geslacht-9": _set_text(("Geslacht",), "9"),
    "frequentie-3": _set_text(("Frequentie",), "3"),
    "productcategorie-19": _set_text(("ProductCategorie", "Categorie"), "19"),
    "statusaanlevering-4": _set_text(("StatusAanlevering",), "4"),
    "redenbeeindiging-01": _set_text(("RedenBeeindiging",), "01"),
    "verzoekantwoord-3": _set_text(("VerzoekAntwoord",), "3"),
    "retourcode-unknown": _set_text(("RetourCode",), "9999"),
    "debetcredit-x": _set_text(("DebetCredit",), "X"),
    "empty-identificatie": _set_text(("Identificatie",), ""),
    "whitespace-identificatie": _set_text(("Identificatie",), "   "),
    "identificatie-13-chars": _set_text(("Identificatie",), "A234567890123"),
    "empty-referentieaanbieder": _set_text(("ReferentieAanbieder",), ""),
    "empty-achternaam": _set_text(("Achternaam",), ""),
    "voorletters-with-space": _set_text(("Voorletters",), "J M"),
    "empty-commentaar": _set_text(("Commentaar",), ""),
    "empty-productcode": _set_text(("ProductCode", "Code"), ""),
    "productcode-6-chars": _set_text(("ProductCode", "Code"), "02A055"),
    "empty-declaratienummer": _set_text(("DeclaratieNummer",), ""),
    "declaratienummer-with-dash": lambda r: (
        etree.QName(r).namespace.endswith("wmo323/schema")
        and _set_text(("DeclaratieNummer",), "DEC-2026")(r)
    ),
    "extra-unknown-element-in-header": _extra_element_in_header,
    "extra-unknown-element-in-basis-type": _extra_element_in_basis_type,
    "basis-child-in-message-namespace": _element_in_wrong_namespace,
    "berichtcode-999": _set_header("BerichtCode", "999"),
    "berichtcode-of-other-message": _bericht_code_of_other_message,
    "berichtversie-2": _set_header("BerichtVersie", "2"),
    "berichtsubversie-1": _set_header("BerichtSubversie", "1"),
    "xsdversie-two-parts": _set_text(("BasisschemaXsdVersie",), "1.0"),
    "xsdversie-leading-zero": _set_text(("BerichtXsdVersie",), "1.01.0"),
    "negative-amount": _amount("-100"),
    "amount-with-decimals": _amount("12.50"),
    "bedrag-too-large": _set_text(("Bedrag", "Budget"), "100000000"),
    "totaalbedrag-too-large": _set_text(("TotaalBedrag",), "1000000000000"),
    "negative-volume": _set_text(("Volume", "GeleverdVolume"), "-1"),
    "toewijzingnummer-10-digits": _set_text(("ToewijzingNummer",), "1000000000"),
    "toewijzingnummer-letters": _set_text(("ToewijzingNummer",), "T260001"),
    "dagtekening-with-zulu": _set_text(("Dagtekening",), "2026-02-16Z"),
    "dagtekening-with-offset": _set_text(("Dagtekening",), "2026-02-16+01:00"),
    "dagtekening-dutch-notation": _set_text(("Dagtekening",), "16-02-2026"),
    "dagtekening-30-february": _set_text(("Dagtekening",), "2026-02-30"),
    "datetime-instead-of-date": _set_text(("Dagtekening",), "2026-02-16T10:00:00"),
    "tijd-with-zulu": _set_text(("Toewijzingstijd",), "09:15:00Z"),
    "tijd-with-offset": _set_text(("Toewijzingstijd",), "09:15:00+01:00"),
}


def _broken_cases() -> list:
    cases = []
    for path in SAMPLES:
        for name, mutate in MUTATIONS.items():
            root = copy.deepcopy(load(path).getroot())
            if mutate(root):
                cases.append(
                    pytest.param(
                        path.stem,
                        bericht_of(path),
                        name,
                        root,
                        id=f"{path.stem}-{name}",
                    )
                )
    return cases


BROKEN_CASES = _broken_cases()
