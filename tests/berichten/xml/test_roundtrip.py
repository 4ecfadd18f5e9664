"""decode(encode(x)) == x for every message type, and every encoding is XSD-valid."""

from __future__ import annotations

import functools
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from berichten.xml import validation
from berichten.xml.catalog import BERICHTCODES
from berichten.xml.codec import CODECS, decode, decode_element, encode, to_element
from berichten.xml.codecs.engine import decode_checked
from berichten.xml.parser import XmlInputError, identify, parse
from tests.berichten.xml.strategies import message

BERICHTEN = sorted(CODECS)
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ROUNDTRIP = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def project_schema(bericht: str) -> etree.XMLSchema:
    return validation.schema(bericht)


@functools.cache
def official_schema(bericht: str) -> etree.XMLSchema:
    return validation.official_schema(bericht)


def assert_valid(schema: etree.XMLSchema, doc: etree._Element) -> None:
    assert schema.validate(doc), [e.message for e in schema.error_log]


@pytest.mark.parametrize("bericht", BERICHTEN)
@ROUNDTRIP
@given(data=st.data())
def test_roundtrip(bericht: str, data: st.DataObject) -> None:
    msg: Any = data.draw(message(bericht))
    encoded = encode(msg)
    assert decode(encoded) == msg
    doc = parse(encoded)
    assert_valid(project_schema(bericht), doc)
    if bericht in validation.OFFICIAL_MESSAGES:
        assert_valid(official_schema(bericht), doc)


@pytest.mark.parametrize("bericht", BERICHTEN)
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_encoding_shape(bericht: str, data: st.DataObject) -> None:
    msg: Any = data.draw(message(bericht))
    encoded = encode(msg)
    assert encoded.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = to_element(msg)
    prefix = bericht.lower()
    assert root.nsmap == {
        prefix: f"http://www.istandaarden.nl/iwmo/3_2/{prefix}/schema",
        "iwmo": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
    }
    # RS033: no empty elements.
    assert all(len(el) or (el.text or "").strip() for el in root.iter())
    header = root[0]
    assert [etree.QName(el).localname for el in header[:3]] == [
        "BerichtCode",
        "BerichtVersie",
        "BerichtSubversie",
    ]
    assert header[0].text == msg.BERICHTCODE == BERICHTCODES[bericht]
    assert bericht == msg.BERICHT


def _checked(root: etree._Element) -> Any:
    kind = identify(root)
    return decode_checked(CODECS[kind.bericht], root, kind.namespace)


@pytest.mark.parametrize("bericht", BERICHTEN)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_compiled_decoder_equals_checked_decoder(
    bericht: str, data: st.DataObject
) -> None:
    msg: Any = data.draw(message(bericht))
    root = parse(encode(msg))
    assert decode_element(root) == _checked(root) == msg


def test_compiled_decoder_hands_other_orders_to_the_checked_decoder() -> None:
    """Outside schema order the fast path steps aside: the result is what the
    general decoder gives, as before it existed."""
    root = parse((SAMPLES / "WMO323.xml").read_bytes())
    prestatie = root.find(".//{*}Prestatie")
    prestatie.append(prestatie[0])  # ProductReferentie moved to the end
    assert decode_element(root) == _checked(root)
    assert (
        decode_element(root).declaratie.clienten[0].prestaties[0]
        == _checked(parse((SAMPLES / "WMO323.xml").read_bytes()))
        .declaratie.clienten[0]
        .prestaties[0]
    )


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        (lambda p: p.remove(p[1]), "Verplicht element 'ToewijzingNummer' ontbreekt"),
        (lambda p: p.insert(2, deepcopy(p[1])), "komt meer dan eens voor"),
        (lambda p: setattr(p[1], "text", "twee"), "verwacht is een geheel getal"),
    ],
)
def test_compiled_decoder_keeps_the_precise_errors(wijziging, melding) -> None:
    root = parse((SAMPLES / "WMO323.xml").read_bytes())
    wijziging(root.find(".//{*}Prestatie"))
    with pytest.raises(XmlInputError, match=melding):
        decode_element(root)
