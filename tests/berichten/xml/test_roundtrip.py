"""decode(encode(x)) == x for every message type, and every encoding is XSD-valid."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from berichten.xml import validation
from berichten.xml.catalog import BERICHTCODES
from berichten.xml.codec import CODECS, decode, encode, to_element
from berichten.xml.parser import parse
from tests.berichten.xml.strategies import message

BERICHTEN = sorted(CODECS)
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
