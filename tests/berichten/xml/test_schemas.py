"""The project's own iWmo 3.2 XSDs versus the official ones.

Every sample in tests/berichten/samples must be valid. From each sample a set of
broken documents is derived; for the 7 messages with an official schema the
project schema and the official schema must give the same verdict on every valid
and broken document, and for all 14 messages the project schema must reject every
broken document.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from berichten.xml.validation import (
    MESSAGES,
    OFFICIAL_MESSAGES,
    OFFICIAL_SCHEMA_DIR,
    SCHEMA_DIR,
    SchemaFinding,
    schema,
    validate,
    validate_official,
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


def _load(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), _PARSER)  # noqa: TID251  (trusted test files)


def _bericht_of(path: Path) -> str:
    return path.stem.split("-")[0]


SAMPLES = sorted(SAMPLES_DIR.glob("WMO*.xml"))
SAMPLE_IDS = [p.stem for p in SAMPLES]
OFFICIAL_SAMPLES = [p for p in SAMPLES if _bericht_of(p) in OFFICIAL_MESSAGES]


# --------------------------------------------------------------------------- helpers


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _first(root: etree._Element, *names: str) -> etree._Element | None:
    """First element (document order) whose local name is one of ``names``."""
    for el in root.iter():
        if isinstance(el.tag, str) and _local(el) in names:
            return el
    return None


def _header(root: etree._Element) -> etree._Element:
    return root[0]


def _header_child(root: etree._Element, name: str) -> etree._Element:
    el = _header(root).find(f"{{{etree.QName(root).namespace}}}{name}")
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
        _header_child(root, name).text = value
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


def _gemeente_element(root: etree._Element) -> etree._Element:
    for name in ("Afzender", "Ontvanger"):
        el = _header_child(root, name)
        if re.fullmatch(r"[0-9]{4}", el.text or ""):
            return el
    raise AssertionError("no gemeente in header")


def _agb_element(root: etree._Element) -> etree._Element:
    for name in ("Afzender", "Ontvanger"):
        el = _header_child(root, name)
        if re.fullmatch(r"[0-9]{8}", el.text or ""):
            return el
    raise AssertionError("no AGB code in header")


def _gemeentecode_three_digits(root: etree._Element) -> bool:
    el = _gemeente_element(root)
    el.text = el.text[1:]
    return True


def _gemeentecode_with_letter(root: etree._Element) -> bool:
    _gemeente_element(root).text = "03A3"
    return True


def _agb_code_seven_digits(root: etree._Element) -> bool:
    el = _agb_element(root)
    el.text = el.text[:7]
    return True


def _swap_header_identificatie_and_xsdversie(root: etree._Element) -> bool:
    ident = _header_child(root, "BerichtIdentificatie")
    xsd = _header_child(root, "XsdVersie")
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
    etree.SubElement(_header(root), f"{{{ns}}}Onbekend").text = "x"
    return True


def _extra_element_in_basis_type(root: etree._Element) -> bool:
    ident = _header_child(root, "BerichtIdentificatie")
    etree.SubElement(ident, f"{{{BASIS_NS}}}Tijdstip").text = "12:00:00"
    return True


def _element_in_wrong_namespace(root: etree._Element) -> bool:
    ident = _header_child(root, "BerichtIdentificatie")
    ident[0].tag = f"{{{etree.QName(root).namespace}}}Identificatie"
    return True


def _bericht_code_of_other_message(root: etree._Element) -> bool:
    el = _header_child(root, "BerichtCode")
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
    codes = _header(root).find(f"{{{ns}}}RetourCodes")
    if codes is None:
        return False
    for child in list(codes):
        codes.remove(child)
    return True


def _retourcodes_in_heenbericht(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace
    codes = etree.SubElement(_header(root), f"{{{ns}}}RetourCodes")
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
        _header(r).find(f"{{{etree.QName(r).namespace}}}XsdVersieRetour") is None
        and _header(r).find(f"{{{etree.QName(r).namespace}}}XsdVersieDeclaratie")
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
            root = copy.deepcopy(_load(path).getroot())
            if mutate(root):
                cases.append(
                    pytest.param(
                        path.stem,
                        _bericht_of(path),
                        name,
                        root,
                        id=f"{path.stem}-{name}",
                    )
                )
    return cases


BROKEN_CASES = _broken_cases()


# ------------------------------------------------------------------ schema files


@pytest.mark.parametrize("bericht", MESSAGES)
def test_project_schema_file_exists_and_compiles(bericht):
    assert (SCHEMA_DIR / f"{bericht}.xsd").is_file()
    assert isinstance(schema(bericht), etree.XMLSchema)


@pytest.mark.parametrize("bericht", MESSAGES)
def test_project_schema_uses_official_namespaces_and_appinfo_versions(bericht):
    nr = bericht[3:]
    root = _load(SCHEMA_DIR / f"{bericht}.xsd").getroot()
    ns = f"http://www.istandaarden.nl/iwmo/3_2/wmo{nr}/schema"
    assert root.get("targetNamespace") == ns
    assert root.get("elementFormDefault") == "qualified"
    imp = root.find(f"{{{XS_NS}}}import")
    assert imp.get("namespace") == BASIS_NS
    assert imp.get("schemaLocation") == "basisschema.xsd"
    appinfo = root.find(f"{{{XS_NS}}}annotation/{{{XS_NS}}}appinfo")
    assert appinfo.findtext(f"{{{BASIS_NS}}}BerichtXsdVersie") == "1.0.0"
    assert appinfo.findtext(f"{{{BASIS_NS}}}BasisschemaXsdVersie") == "1.0.0"
    assert appinfo.findtext(f"{{{BASIS_NS}}}bericht") == f"wmo{nr}"


def test_basisschema_uses_official_namespace_and_appinfo_version():
    root = _load(SCHEMA_DIR / "basisschema.xsd").getroot()
    assert root.get("targetNamespace") == BASIS_NS
    assert root.get("elementFormDefault") == "qualified"
    appinfo = root.find(f"{{{XS_NS}}}annotation/{{{XS_NS}}}appinfo")
    assert appinfo.findtext(f"{{{BASIS_NS}}}BasisschemaXsdVersie") == "1.0.0"


@pytest.mark.parametrize("name", ["basisschema", *OFFICIAL_MESSAGES])
def test_project_schema_file_is_not_a_copy_of_the_official_file(name):
    ours = (SCHEMA_DIR / f"{name}.xsd").read_bytes()
    theirs = (OFFICIAL_SCHEMA_DIR / f"{name}.xsd").read_bytes()
    assert hashlib.sha256(ours).digest() != hashlib.sha256(theirs).digest()


def _structure(path: Path) -> dict:
    """Top-level schema components without annotations, as comparable tuples."""
    root = _load(path).getroot()

    def rep(el: etree._Element) -> tuple:
        children = tuple(
            rep(c)
            for c in el
            if isinstance(c.tag, str) and c.tag != f"{{{XS_NS}}}annotation"
        )
        return (_local(el), tuple(sorted(el.attrib.items())), children)

    return {
        (_local(top), top.get("name")): rep(top)
        for top in root
        if isinstance(top.tag, str)
        and top.tag not in (f"{{{XS_NS}}}annotation", f"{{{XS_NS}}}import")
    }


@pytest.mark.parametrize("name", ["basisschema", *OFFICIAL_MESSAGES])
def test_project_schema_declares_the_same_components_as_the_official_schema(name):
    ours = _structure(SCHEMA_DIR / f"{name}.xsd")
    theirs = _structure(OFFICIAL_SCHEMA_DIR / f"{name}.xsd")
    assert sorted(ours) == sorted(theirs)
    different = [key for key in theirs if ours[key] != theirs[key]]
    assert different == []


# ----------------------------------------------------------------------- samples


def test_there_is_a_sample_for_every_message():
    assert {_bericht_of(p) for p in SAMPLES} == set(MESSAGES)
    assert (SAMPLES_DIR / "WMO325-alles-goedgekeurd.xml").is_file()


@pytest.mark.parametrize("path", SAMPLES, ids=SAMPLE_IDS)
def test_sample_is_valid_against_project_schema(path):
    assert validate(_load(path), _bericht_of(path)) == []


@pytest.mark.parametrize(
    "path", OFFICIAL_SAMPLES, ids=[p.stem for p in OFFICIAL_SAMPLES]
)
def test_sample_is_valid_against_official_schema(path):
    assert validate_official(_load(path), _bericht_of(path)) == []


@pytest.mark.parametrize("path", SAMPLES, ids=SAMPLE_IDS)
def test_sample_has_matching_root_namespace_and_berichtcode(path):
    bericht = _bericht_of(path)
    root = _load(path).getroot()
    nr = bericht[3:]
    assert root.tag == f"{{http://www.istandaarden.nl/iwmo/3_2/wmo{nr}/schema}}Bericht"
    assert _header_child(root, "BerichtCode").text == BERICHT_CODES[bericht]


def _elfproef(bsn: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(c) * w for c, w in zip(bsn, weights, strict=True)) % 11 == 0


@pytest.mark.parametrize("path", SAMPLES, ids=SAMPLE_IDS)
def test_sample_data_is_realistic(path):
    root = _load(path).getroot()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = _local(el)
        if name == "Bsn":
            assert _elfproef(el.text), el.text
        if name in {"Datum", "Dagtekening", "DagtekeningRetour"} or (
            name.endswith("datum") and len(el) == 0
        ):
            value = dt.date.fromisoformat(el.text)
            if name != "Datum":  # Geboortedatum/Datum lies before 2026
                assert dt.date(2026, 1, 1) <= value <= LATEST_SAMPLE_DATE, (name, value)
    assert re.fullmatch(r"[0-9]{4}", _gemeente_element(root).text)
    assert re.fullmatch(r"[0-9]{8}", _agb_element(root).text)


@pytest.mark.parametrize("bericht", [m for m in RETOUR_MESSAGES if m != "WMO325"])
def test_retour_sample_shows_rejected_client_subtree_with_retourcodes(bericht):
    root = _load(SAMPLES_DIR / f"{bericht}.xml").getroot()
    ns = etree.QName(root).namespace
    body = root[1]
    assert body.find(f"{{{ns}}}RetourCodes") is not None
    codes = [el.text for el in body.iter(f"{{{ns}}}RetourCode")]
    assert any(code not in {"0200", "0233"} for code in codes), codes


def test_declaratie_antwoord_sample_contains_only_a_rejected_prestatie():
    root = _load(SAMPLES_DIR / "WMO325.xml").getroot()
    ns = etree.QName(root).namespace
    prestaties = list(root.iter(f"{{{ns}}}Prestatie"))
    assert len(prestaties) == 1
    assert prestaties[0].findtext(f"{{{ns}}}RetourCodes/{{{ns}}}RetourCode") not in {
        "0200",
        "0233",
    }


def test_declaratie_antwoord_alles_goedgekeurd_has_8001_and_no_clienten():
    root = _load(SAMPLES_DIR / "WMO325-alles-goedgekeurd.xml").getroot()
    ns = etree.QName(root).namespace
    antwoord = root.find(f"{{{ns}}}DeclaratieAntwoord")
    assert antwoord.find(f"{{{ns}}}Clienten") is None
    assert antwoord.findtext(f"{{{ns}}}RetourCodes/{{{ns}}}RetourCode") == "8001"
    assert _header(root).findtext(f"{{{ns}}}RetourCodes/{{{ns}}}RetourCode") == "0200"


# ---------------------------------------------------------------- broken samples


def test_every_message_has_at_least_ten_broken_variants():
    per_message: dict[str, int] = {}
    for param in BROKEN_CASES:
        per_message[param.values[1]] = per_message.get(param.values[1], 0) + 1
    assert set(per_message) == set(MESSAGES)
    assert min(per_message.values()) >= 10, per_message


@pytest.mark.parametrize(("sample", "bericht", "mutation", "root"), BROKEN_CASES)
def test_project_schema_rejects_broken_sample(sample, bericht, mutation, root):
    findings = validate(root, bericht)
    assert findings, f"{sample}: {mutation} was accepted"
    assert all(isinstance(f, SchemaFinding) and f.message for f in findings)


@pytest.mark.parametrize(
    ("sample", "bericht", "mutation", "root"),
    [p for p in BROKEN_CASES if p.values[1] in OFFICIAL_MESSAGES],
)
def test_project_and_official_schema_agree_on_broken_sample(
    sample, bericht, mutation, root
):
    ours = validate(root, bericht)
    theirs = validate_official(root, bericht)
    assert bool(ours) == bool(theirs), (ours, theirs)
    assert [f.message for f in ours] == [f.message for f in theirs]


@pytest.mark.parametrize(
    "path", OFFICIAL_SAMPLES, ids=[p.stem for p in OFFICIAL_SAMPLES]
)
def test_project_and_official_schema_agree_on_valid_sample(path):
    doc = _load(path)
    assert bool(validate(doc, _bericht_of(path))) == bool(
        validate_official(doc, _bericht_of(path))
    )


# ------------------------------------------------------------------------ the API


def test_validate_accepts_element_and_element_tree():
    tree = _load(SAMPLES_DIR / "WMO301.xml")
    assert validate(tree, "WMO301") == []
    assert validate(tree.getroot(), "WMO301") == []


def test_finding_has_line_path_and_lxml_message():
    root = copy.deepcopy(_load(SAMPLES_DIR / "WMO301.xml").getroot())
    _header_child(root, "Afzender").text = "363"
    findings = validate(root, "WMO301")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.line == 7
    assert finding.path is not None and "Afzender" in finding.path
    assert "Afzender" in finding.message and "[0-9]{4}" in finding.message


def test_sample_of_one_message_is_rejected_by_schema_of_another():
    assert validate(_load(SAMPLES_DIR / "WMO301.xml"), "WMO302")


def test_schema_returns_fresh_object_without_previous_errors():
    broken = copy.deepcopy(_load(SAMPLES_DIR / "WMO305.xml").getroot())
    _header_child(broken, "BerichtCode").text = "999"
    first = schema("WMO305")
    assert not first.validate(broken)
    second = schema("WMO305")
    assert second is not first
    assert len(second.error_log) == 0
    assert validate(_load(SAMPLES_DIR / "WMO305.xml"), "WMO305") == []


def test_unknown_message_raises_key_error():
    with pytest.raises(KeyError):
        validate(_load(SAMPLES_DIR / "WMO301.xml"), "WMO303")


def test_official_validation_is_only_available_for_official_messages():
    with pytest.raises((KeyError, ValueError)):
        validate_official(_load(SAMPLES_DIR / "WMO302.xml"), "WMO302")
