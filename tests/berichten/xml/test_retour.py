"""retour_bericht copies the heen message into a valid retourbericht."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from berichten.xml import types as t, validation
from berichten.xml.catalog import HEEN_RETOUR
from berichten.xml.codec import decode, encode
from berichten.xml.parser import parse
from berichten.xml.retour import declaratie_antwoord_header, retour_bericht
from tests.berichten.xml.strategies import message

EXAMPLES = Path("/work/shared/docs/iwmo/examples-3.2")


def berichtklassen(obj: Any) -> list[Any]:
    """All objects in the tree that carry RetourCodes."""
    found = [obj] if hasattr(obj, "retourcodes") else []
    for f in fields(obj):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, list) else [value]:
            if is_dataclass(item):
                found += berichtklassen(item)
    return found


def assert_valid(msg: Any) -> None:
    findings = validation.validate(parse(encode(msg)), msg.BERICHT)
    assert findings == [], findings


@pytest.mark.parametrize("heen_bericht", sorted(set(HEEN_RETOUR) - {"WMO323"}))
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_retour_with_body(heen_bericht: str, data: st.DataObject) -> None:
    heen = data.draw(message(heen_bericht))
    retour = retour_bericht(
        heen,
        identificatie_retour="R1",
        dagtekening_retour=date(2024, 1, 2),
        codes_for=lambda _obj: ["0200"],
    )
    assert HEEN_RETOUR[heen_bericht] == retour.BERICHT
    assert retour.header.afzender == heen.header.afzender  # copied, not swapped
    assert retour.header.retourcodes == []
    body = retour.antwoord if heen_bericht == "WMO319" else retour.client
    assert all(k.retourcodes == ["0200"] for k in berichtklassen(body))
    assert decode(encode(retour)) == retour
    assert_valid(retour)


def test_retour_header_only() -> None:
    heen = decode((EXAMPLES / "WMO305.xml").read_bytes())
    retour = retour_bericht(
        heen,
        identificatie_retour="R2",
        dagtekening_retour=date(2024, 1, 2),
        header_codes=["0001"],
        xslt_versie="1.0.0",
    )
    assert isinstance(retour, t.Wmo306)
    assert retour.client is None and retour.header.retourcodes == ["0001"]
    assert_valid(retour)


def test_no_retour_for_323() -> None:
    heen = decode((EXAMPLES / "WMO323.xml").read_bytes())
    with pytest.raises(ValueError):
        retour_bericht(
            heen, identificatie_retour="x", dagtekening_retour=date(2024, 1, 1)
        )
    header = declaratie_antwoord_header(
        heen, identificatie="A1", dagtekening=date(2024, 1, 2), retourcodes=["0200"]
    )
    antwoord = t.Wmo325(
        header=header,
        declaratie_antwoord=t.DeclaratieAntwoord(
            declaratie_nummer=heen.declaratie.declaratie_nummer,
            totaal_ingediend_bedrag=heen.declaratie.totaal_ingediend_bedrag,
            totaal_toegekend_bedrag=heen.declaratie.totaal_ingediend_bedrag,
            retourcodes=["8001"],
        ),
    )
    assert header.afzender == heen.header.ontvanger
    assert header.declaratie_identificatie == heen.header.bericht_identificatie
    assert_valid(antwoord)
