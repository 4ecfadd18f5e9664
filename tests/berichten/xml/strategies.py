"""Hypothesis strategies for valid iWmo 3.2 message objects of every type.

The object shape comes from the codec specs (which children, which are optional
or repeated); the values come from the XSD constraints below (lengths, patterns,
enumerations from codelists.md / basisschema.xsd). Whether the result is really
valid is checked independently by the XSD validation in test_roundtrip.
"""

from __future__ import annotations

import string
from datetime import date, time
from typing import Any

from hypothesis import strategies as st

from berichten.xml.codecs import CODECS
from berichten.xml.codecs.engine import DATE, TIME, Child, Node

# Printable text without newline/CR (the XSD ".*[^\s].*" has no newline).
_ALPHABET = string.ascii_letters + string.digits + " -.,'&éëïöüçÉ€()/"


def text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_ALPHABET, min_size=1, max_size=max_size).filter(
        lambda s: s.strip() != ""
    )


def digits(size: int) -> st.SearchStrategy[str]:
    return st.text(string.digits, min_size=size, max_size=size)


def enum(*values: str) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


def _elfproef(digits8: str) -> str | None:
    check = sum(int(d) * (9 - i) for i, d in enumerate(digits8)) % 11
    return None if check == 10 else digits8 + str(check)


def bsn() -> st.SearchStrategy[str]:
    """Nine digits passing the elfproef (CS002)."""
    return digits(8).map(_elfproef).filter(lambda b: b is not None)  # type: ignore[return-value]


def amount(maximum: int = 99_999_999) -> st.SearchStrategy[int]:
    return st.integers(0, maximum)


DATES = st.dates(date(2000, 1, 1), date(2026, 12, 31))
TIMES = st.times(time(0, 0), time(23, 59, 59)).map(lambda t: t.replace(microsecond=0))
VERSIE = st.tuples(*[st.integers(0, 20)] * 3).map(lambda v: ".".join(map(str, v)))
GEMEENTE = digits(4)
AGB = digits(8)
RETOURCODE = enum(
    "0001", "0200", "0233", "0611", "8001", "8017", "8021", "8187", "8214",
    "8848", "9019", "9056", "9063", "9069", "9071", "9074", "9307", "9308",
    "9319", "9321", "9322", "9326", "9332", "9333", "9338", "9339", "9340",
    "9341", "9346", "9347", "9349", "9350", "9351", "9355", "9357", "9359",
    "9360", "9361", "9365", "9366", "9367", "9369", "9373", "9374", "9375",
    "9379", "9384", "9385", "9387", "9388", "9389", "9390", "9411", "9412",
    "9413", "9414", "9415", "S300", "S329",
)  # fmt: skip
CODES_01_18 = enum(*[f"{i:02d}" for i in range(1, 19)])

# Simple content by element name; (class name, element name) wins over the name.
LEAVES: dict[str | tuple[str, str], st.SearchStrategy[Any]] = {
    "Identificatie": text(12),
    "IdentificatieRetour": text(12),
    "BasisschemaXsdVersie": VERSIE,
    "BerichtXsdVersie": VERSIE,
    "XsltVersie": VERSIE,
    "DatumGebruik": enum("1", "2", "3"),
    "Achternaam": text(200),
    "Voorvoegsel": text(10),
    "Voornamen": text(200),
    "Voorletters": st.text(string.ascii_letters, min_size=1, max_size=6),
    "NaamGebruik": enum("1", "2", "3", "4", "5", "6"),
    "Vorm": enum("1", "2", "3"),
    "Taal": text(25),
    "Huisnummer": st.integers(0, 99_999),
    "Huisletter": st.sampled_from(string.ascii_letters),
    "HuisnummerToevoeging": text(4),
    "AanduidingWoonadres": enum("AB", "BY", "TO", "WW"),
    "Postcode": text(8),
    "Straatnaam": text(24),
    "Plaatsnaam": text(80),
    "LandCode": enum("NL", "BE", "DE", "FR", "GB", "MA", "TR", "SR", "CW"),
    "Telefoonnummer": st.text(string.digits, min_size=1, max_size=15),
    "Landnummer": text(4),
    "Categorie": CODES_01_18,
    "Code": text(5),
    "Volume": amount(),
    "Eenheid": enum("01", "04", "14", "16", "82", "83", "84"),
    "Frequentie": enum("1", "2", "4", "6"),
    "Type": enum("01", "02", "03", "04", "05", "06", "08"),
    ("Verwijzer", "Naam"): text(64),
    "ZorgverlenerCode": AGB,
    "ReferentieNummer": text(20),
    "VorigReferentieNummer": text(20),
    "Bedrag": amount(),
    "TotaalBedrag": amount(999_999_999_999),
    "DebetCredit": enum("D", "C"),
    "Bsn": bsn(),
    "Geslacht": enum("0", "1", "2"),
    "JuridischeStatus": enum("01", "02", "03", "04", "05", "11", "12"),
    "WettelijkeVertegenwoordiging": enum("06", "07", "08", "09", "10"),
    "Commentaar": text(200),
    "Nummer": text(20),
    "Volgorde": st.integers(0, 99),
    ("Relatie", "Soort"): enum(*[f"{i:02d}" for i in range(3, 26)]),
    "Soort": enum("01", "02", "03", "04"),
    "Organisatie": text(35),
    "Emailadres": text(80),
    "ToewijzingNummer": st.integers(0, 999_999_999),
    "BeschikkingNummer": st.integers(0, 999_999_999),
    "ReferentieAanbieder": text(36),
    "RedenWijziging": enum(*[f"{i:02d}" for i in range(1, 15)]),
    "Budget": amount(),
    "StatusAanlevering": enum("1", "2", "3", "9"),
    "RedenBeeindiging": enum(
        "02", "19", "20", "21", "22", "23", "31", "36", "37", "38", "39"
    ),
    "Raamcontract": enum("1", "2"),
    "RedenVerzoek": enum("1", "2"),
    "VerzoekAntwoord": enum("1", "2"),
    "RedenAfwijzingVerzoek": enum(*"123456789"),
    "DeclaratieNummer": st.text(
        string.ascii_letters + string.digits, min_size=1, max_size=12
    ),
    "ProductCategorie": CODES_01_18,
    "ProductCode": text(5),
    "GeleverdVolume": amount(),
    "ProductTarief": amount(),
    "RetourCode": RETOURCODE,
}

# Messages the gemeente sends (Afzender = gemeente code, Ontvanger = AGB code).
FROM_GEMEENTE = {"WMO301", "WMO302", "WMO319", "WMO320", "WMO325"}


def _leaf(owner: type, child: Child, extra: dict[str, Any]) -> st.SearchStrategy[Any]:
    if child.tag in extra:
        return extra[child.tag]  # type: ignore[no-any-return]
    if child.conv is DATE:
        return DATES
    if child.conv is TIME:
        return TIMES
    for cls in owner.__mro__:  # RelatieRetour uses the Relatie entry
        specific = (cls.__name__, child.tag)
        if specific in LEAVES:
            return LEAVES[specific]
    return LEAVES[child.tag]


def from_node(node: Node, extra: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Objects of `node.cls`, recursively, following the spec's cardinalities."""
    kwargs: dict[str, st.SearchStrategy[Any]] = {}
    for child in node.children:
        item = (
            _leaf(node.cls, child, extra)
            if child.conv is not None
            else from_node(child.node, extra)  # type: ignore[arg-type]
        )
        if child.wrapper:
            value: st.SearchStrategy[Any] = st.lists(item, min_size=1, max_size=2)
            if child.optional:
                value = st.just([]) | value
        elif child.optional:
            value = st.none() | item
        else:
            value = item
        kwargs[child.attr] = value
    built = st.builds(node.cls, **kwargs)
    if all(child.optional for child in node.children):
        # Adres, OpenPeriode: an empty element breaks RS033, so set at least one child.
        attrs = [child.attr for child in node.children]
        built = built.filter(lambda obj: any(getattr(obj, a) for a in attrs))
    return built


def message(bericht: str) -> st.SearchStrategy[Any]:
    """A valid message object for `bericht` ("WMO301" …)."""
    gemeente_first = bericht in FROM_GEMEENTE
    extra = {
        "Afzender": GEMEENTE if gemeente_first else AGB,
        "Ontvanger": AGB if gemeente_first else GEMEENTE,
    }
    return from_node(CODECS[bericht], extra)
