"""iWmo 3.2 constants shared by the parser and the codecs: namespaces and BerichtCodes."""

from __future__ import annotations

BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
BASIS_PREFIX = "iwmo"

BERICHT_VERSIE = "3"
BERICHT_SUBVERSIE = "2"
# BasisschemaXsdVersie / BerichtXsdVersie from the XSD appinfo (IV034).
XSD_VERSIE = "1.0.0"

# Bericht ("WMO301") -> BerichtCode, fixed by the xs:pattern in each XSD.
BERICHTCODES: dict[str, str] = {
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
BERICHT_BY_CODE: dict[str, str] = {code: b for b, code in BERICHTCODES.items()}

# Heenbericht -> its retour / antwoord. 325 is a new message, not a copy of 323.
HEEN_RETOUR: dict[str, str] = {
    "WMO301": "WMO302",
    "WMO305": "WMO306",
    "WMO307": "WMO308",
    "WMO315": "WMO316",
    "WMO317": "WMO318",
    "WMO319": "WMO320",
    "WMO323": "WMO325",
}


def message_prefix(bericht: str) -> str:
    """ "WMO301" -> "wmo301", the conventional namespace prefix."""
    return bericht.lower()


def message_ns(bericht: str) -> str:
    """ "WMO301" -> the wmo301 message namespace."""
    return f"http://www.istandaarden.nl/iwmo/3_2/{message_prefix(bericht)}/schema"
