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
from tests.berichten.xml.voorbeelden import (
    BASIS_NS,
    BERICHT_CODES,
    BROKEN_CASES,
    LATEST_SAMPLE_DATE,
    OFFICIAL_SAMPLES,
    RETOUR_MESSAGES,
    SAMPLE_IDS,
    SAMPLES,
    SAMPLES_DIR,
    XS_NS,
    agb_element,
    bericht_of,
    gemeente_element,
    header_child,
    header_of,
    load,
    local_name,
)

# ------------------------------------------------------------------ schema files


@pytest.mark.parametrize("bericht", MESSAGES)
def test_project_schema_file_exists_and_compiles(bericht):
    assert (SCHEMA_DIR / f"{bericht}.xsd").is_file()
    assert isinstance(schema(bericht), etree.XMLSchema)


@pytest.mark.parametrize("bericht", MESSAGES)
def test_project_schema_uses_official_namespaces_and_appinfo_versions(bericht):
    nr = bericht[3:]
    root = load(SCHEMA_DIR / f"{bericht}.xsd").getroot()
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
    root = load(SCHEMA_DIR / "basisschema.xsd").getroot()
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
    root = load(path).getroot()

    def rep(el: etree._Element) -> tuple:
        children = tuple(
            rep(c)
            for c in el
            if isinstance(c.tag, str) and c.tag != f"{{{XS_NS}}}annotation"
        )
        return (local_name(el), tuple(sorted(el.attrib.items())), children)

    return {
        (local_name(top), top.get("name")): rep(top)
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
    assert {bericht_of(p) for p in SAMPLES} == set(MESSAGES)
    assert (SAMPLES_DIR / "WMO325-alles-goedgekeurd.xml").is_file()


@pytest.mark.parametrize("path", SAMPLES, ids=SAMPLE_IDS)
def test_sample_is_valid_against_project_schema(path):
    assert validate(load(path), bericht_of(path)) == []


@pytest.mark.parametrize(
    "path", OFFICIAL_SAMPLES, ids=[p.stem for p in OFFICIAL_SAMPLES]
)
def test_sample_is_valid_against_official_schema(path):
    assert validate_official(load(path), bericht_of(path)) == []


@pytest.mark.parametrize("path", SAMPLES, ids=SAMPLE_IDS)
def test_sample_has_matching_root_namespace_and_berichtcode(path):
    bericht = bericht_of(path)
    root = load(path).getroot()
    nr = bericht[3:]
    assert root.tag == f"{{http://www.istandaarden.nl/iwmo/3_2/wmo{nr}/schema}}Bericht"
    assert header_child(root, "BerichtCode").text == BERICHT_CODES[bericht]


def _elfproef(bsn: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(c) * w for c, w in zip(bsn, weights, strict=True)) % 11 == 0


@pytest.mark.parametrize("path", SAMPLES, ids=SAMPLE_IDS)
def test_sample_data_is_realistic(path):
    root = load(path).getroot()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = local_name(el)
        if name == "Bsn":
            assert _elfproef(el.text), el.text
        if name in {"Datum", "Dagtekening", "DagtekeningRetour"} or (
            name.endswith("datum") and len(el) == 0
        ):
            value = dt.date.fromisoformat(el.text)
            if name != "Datum":  # Geboortedatum/Datum lies before 2026
                assert dt.date(2026, 1, 1) <= value <= LATEST_SAMPLE_DATE, (name, value)
    assert re.fullmatch(r"[0-9]{4}", gemeente_element(root).text)
    assert re.fullmatch(r"[0-9]{8}", agb_element(root).text)


@pytest.mark.parametrize("bericht", [m for m in RETOUR_MESSAGES if m != "WMO325"])
def test_retour_sample_shows_rejected_client_subtree_with_retourcodes(bericht):
    root = load(SAMPLES_DIR / f"{bericht}.xml").getroot()
    ns = etree.QName(root).namespace
    body = root[1]
    assert body.find(f"{{{ns}}}RetourCodes") is not None
    codes = [el.text for el in body.iter(f"{{{ns}}}RetourCode")]
    assert any(code not in {"0200", "0233"} for code in codes), codes


def test_declaratie_antwoord_sample_contains_only_a_rejected_prestatie():
    root = load(SAMPLES_DIR / "WMO325.xml").getroot()
    ns = etree.QName(root).namespace
    prestaties = list(root.iter(f"{{{ns}}}Prestatie"))
    assert len(prestaties) == 1
    assert prestaties[0].findtext(f"{{{ns}}}RetourCodes/{{{ns}}}RetourCode") not in {
        "0200",
        "0233",
    }


def test_declaratie_antwoord_alles_goedgekeurd_has_8001_and_no_clienten():
    root = load(SAMPLES_DIR / "WMO325-alles-goedgekeurd.xml").getroot()
    ns = etree.QName(root).namespace
    antwoord = root.find(f"{{{ns}}}DeclaratieAntwoord")
    assert antwoord.find(f"{{{ns}}}Clienten") is None
    assert antwoord.findtext(f"{{{ns}}}RetourCodes/{{{ns}}}RetourCode") == "8001"
    assert header_of(root).findtext(f"{{{ns}}}RetourCodes/{{{ns}}}RetourCode") == "0200"


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
    doc = load(path)
    assert bool(validate(doc, bericht_of(path))) == bool(
        validate_official(doc, bericht_of(path))
    )


# ------------------------------------------------------------------------ the API


def test_validate_accepts_element_and_element_tree():
    tree = load(SAMPLES_DIR / "WMO301.xml")
    assert validate(tree, "WMO301") == []
    assert validate(tree.getroot(), "WMO301") == []


def test_finding_has_line_path_and_lxml_message():
    root = copy.deepcopy(load(SAMPLES_DIR / "WMO301.xml").getroot())
    header_child(root, "Afzender").text = "363"
    findings = validate(root, "WMO301")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.line == 7
    assert finding.path is not None and "Afzender" in finding.path
    assert "Afzender" in finding.message and "[0-9]{4}" in finding.message


def test_sample_of_one_message_is_rejected_by_schema_of_another():
    assert validate(load(SAMPLES_DIR / "WMO301.xml"), "WMO302")


def test_schema_returns_fresh_object_without_previous_errors():
    broken = copy.deepcopy(load(SAMPLES_DIR / "WMO305.xml").getroot())
    header_child(broken, "BerichtCode").text = "999"
    first = schema("WMO305")
    assert not first.validate(broken)
    second = schema("WMO305")
    assert second is not first
    assert len(second.error_log) == 0
    assert validate(load(SAMPLES_DIR / "WMO305.xml"), "WMO305") == []


def test_unknown_message_raises_key_error():
    with pytest.raises(KeyError):
        validate(load(SAMPLES_DIR / "WMO301.xml"), "WMO303")


def test_official_validation_is_only_available_for_official_messages():
    with pytest.raises((KeyError, ValueError)):
        validate_official(load(SAMPLES_DIR / "WMO302.xml"), "WMO302")
