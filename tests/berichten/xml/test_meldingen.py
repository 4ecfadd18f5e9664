"""Errors a person can read: XSD findings in Dutch, the depth limit, the namespace hint."""

import copy
import re

import pytest
from lxml import etree

from berichten.xml.meldingen import leesbaar_pad, xsd_melding
from berichten.xml.parser import MAX_DEPTH, XmlInputError, identify, parse
from berichten.xml.validation import validate
from tests.berichten.xml.voorbeelden import BROKEN_CASES, SAMPLES_DIR, load

ENGELS = re.compile(
    r"not expected|is not accepted|not an element of|exceeds|underruns|"
    r"is not a valid value|Missing child|greater than|less than|facet"
)


@pytest.mark.parametrize(("sample", "bericht", "mutation", "root"), BROKEN_CASES)
def test_every_xsd_finding_of_a_broken_sample_is_dutch(sample, bericht, mutation, root):
    for finding in validate(root, bericht):
        assert finding.message.startswith("Element '"), finding.message
        assert "Verwacht: " in finding.message and "gevonden: " in finding.message
        assert not ENGELS.search(finding.message), finding.message
        assert "{http" not in finding.message  # local names, not Clark notation
        assert finding.origineel  # lxml's own text stays available


def _header_child(root, naam):
    return next(el for el in root.iter() if etree.QName(el).localname == naam)


def test_xsd_finding_names_element_expected_and_found():
    root = copy.deepcopy(load(SAMPLES_DIR / "WMO301.xml").getroot())
    _header_child(root, "Afzender").text = "363"
    (finding,) = validate(root, "WMO301")
    assert finding.message == (
        "Element 'Afzender' (/Bericht/Header/Afzender) heeft een ongeldige vorm. "
        "Verwacht: een waarde volgens het patroon '[0-9]{4}'; gevonden: '363'."
    )


def test_xsd_finding_for_an_element_out_of_place():
    melding = xsd_melding(
        "Element '{urn:x}XsdVersie': This element is not expected. Expected is one "
        "of ( {urn:x}BerichtIdentificatie, {urn:x}Afzender ).",
        "/wmo301:Bericht/wmo301:Header/wmo301:XsdVersie",
    )
    assert melding == (
        "Element 'XsdVersie' (/Bericht/Header/XsdVersie) staat hier niet op zijn "
        "plaats. Verwacht: een van 'BerichtIdentificatie', 'Afzender'; gevonden: "
        "'XsdVersie'."
    )


@pytest.mark.parametrize(
    ("engels", "nederlands"),
    [
        (
            "'x' is not a valid value of the atomic type 'xs:date'.",
            "Verwacht: een datum (JJJJ-MM-DD, zonder tijdzone); gevonden: 'x'.",
        ),
        (
            "[facet 'maxLength'] The value has a length of '10'; this exceeds the "
            "allowed maximum length of '9'.",
            "is te lang. Verwacht: hoogstens 9 tekens; gevonden: 10 tekens.",
        ),
        (
            "[facet 'enumeration'] The value '9' is not an element of the set "
            "{'1', '2'}.",
            "Verwacht: een van '1', '2'; gevonden: '9'.",
        ),
        (
            "Missing child element(s). Expected is ( {urn:x}Bsn ).",
            "is niet compleet. Verwacht: nog 'Bsn'; gevonden: geen van deze.",
        ),
    ],
)
def test_xsd_shapes_in_dutch(engels, nederlands):
    assert xsd_melding(f"Element '{{urn:x}}E': {engels}", "/a:B/a:E").endswith(
        nederlands
    )


def test_unknown_shape_still_names_the_element_in_dutch():
    melding = xsd_melding("Element '{urn:x}E': Something new.", None)
    assert melding.startswith("Element 'E' voldoet niet aan het XSD-schema")


def test_readable_path_drops_prefixes():
    assert leesbaar_pad("/wmo301:Bericht/iwmo:Bsn[2]") == "/Bericht/Bsn[2]"


@pytest.mark.parametrize("diepte", [MAX_DEPTH + 1, 255, 257, 300, 5000])
def test_own_depth_limit_answers_also_beyond_lxmls_limit(diepte):
    with pytest.raises(XmlInputError) as fout:
        parse(b"<a>" * diepte + b"</a>" * diepte)
    assert fout.value.code == "too_deep"
    assert str(fout.value).startswith(f"Het bestand is dieper genest dan {MAX_DEPTH}")
    assert "XML_PARSE_HUGE" not in str(fout.value)


@pytest.mark.parametrize(
    ("namespace", "lokaal"),
    [
        ("http://www.istandaarden.nl/iwmo/3_2/basisschema/schema", "Bericht"),
        ("http://www.istandaarden.nl/iwmo/3_2/wmo301/schema", "Berichten"),
        ("https://www.istandaarden.nl/iwmo/3_2/wmo301/schema", "Bericht"),
        ("http://www.istandaarden.nl/iwmo/3_2/WMO301/schema", "Bericht"),
    ],
)
def test_namespace_hint_never_says_a_32_message_is_not_32(namespace, lokaal):
    with pytest.raises(XmlInputError) as fout:
        identify(etree.Element(f"{{{namespace}}}{lokaal}"))
    tekst = str(fout.value)
    assert fout.value.code == "wrong_namespace"
    assert "alleen iWmo 3.2" not in tekst and "geen iWmo 3.2" not in tekst
    assert "Dit lijkt een iWmo" not in tekst


def test_namespace_hint_names_another_version():
    with pytest.raises(XmlInputError) as fout:
        identify(
            etree.Element("{http://www.istandaarden.nl/iwmo/3_1/wmo301/schema}Bericht")
        )
    assert "iWmo 3.1-bericht" in str(fout.value)
