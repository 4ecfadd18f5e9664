"""XSD findings in Dutch: which element, what was expected, what was found.

libxml2 reports schema errors in fixed English sentences; each known shape is
matched here and said again in Dutch, with the element's local name and its path
without namespace prefixes. Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?: ")
_QNAME = re.compile(r"\{[^}]*\}")
_PREFIX = re.compile(r"(?<=/)[A-Za-z0-9_]+:")

# Logical types of the basisschema and XML Schema, as a person knows them.
_TYPES = {
    "integer": "een geheel getal",
    "int": "een geheel getal",
    "long": "een geheel getal",
    "decimal": "een getal",
    "date": "een datum (JJJJ-MM-DD, zonder tijdzone)",
    "time": "een tijd (UU:MM:SS)",
    "LDT_Datum": "een datum (JJJJ-MM-DD, zonder tijdzone)",
    "LDT_Tijd": "een tijd (UU:MM:SS)",
    "LDT_Nummer": "een geheel getal",
    "LDT_Bedrag": "een bedrag in eurocent (geheel getal)",
}


def leesbaar_pad(path: str | None) -> str:
    """'/wmo301:Bericht/wmo301:Client/iwmo:Bsn' -> '/Bericht/Client/Bsn'."""
    return _PREFIX.sub("", path or "")


def _namen(lijst: str) -> str:
    namen = [f"'{_QNAME.sub('', n).strip()}'" for n in lijst.split(",") if n.strip()]
    return namen[0] if len(namen) == 1 else "een van " + ", ".join(namen)


def _type(naam: str) -> str:
    kaal = _QNAME.sub("", naam).split(":")[-1]
    return _TYPES.get(kaal, f"een waarde van type {kaal}")


def _codes(lijst: str, hoogstens: int = 12) -> str:
    codes = [c.strip() for c in lijst.split(",")]
    if len(codes) <= hoogstens:
        return ", ".join(codes)
    return ", ".join(codes[:hoogstens]) + f" (en {len(codes) - hoogstens} andere)"


def _lengte(n: str) -> str:
    return "een lege waarde" if n == "0" else f"{n} teken{'s' if n != '1' else ''}"


Vertaler = Callable[[re.Match, str], str]

# (English shape after "Element 'X': ", Dutch: what was expected and what was found)
_VORMEN: list[tuple[re.Pattern, Vertaler]] = [
    (
        re.compile(
            r"This element is not expected\. Expected is (?:one of )?\( (.*) \)\.$"
        ),
        lambda m, el: (
            f"staat hier niet op zijn plaats. Verwacht: {_namen(m[1])}; "
            f"gevonden: '{el}'."
        ),
    ),
    (
        re.compile(r"This element is not expected\.$"),
        lambda m, el: (
            "hoort hier niet. Verwacht: geen element meer op deze plaats; "
            f"gevonden: '{el}'."
        ),
    ),
    (
        re.compile(
            r"Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.$"
        ),
        lambda m, el: (
            f"is niet compleet. Verwacht: nog {_namen(m[1])}; gevonden: geen van deze."
        ),
    ),
    (
        re.compile(
            r"\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$"
        ),
        lambda m, el: (
            f"heeft een ongeldige vorm. Verwacht: een waarde volgens het "
            f"patroon '{m[2]}'; gevonden: '{m[1]}'."
        ),
    ),
    (
        re.compile(
            r"\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$"
        ),
        lambda m, el: (
            f"heeft een onbekende code. Verwacht: een van {_codes(m[2])}; "
            f"gevonden: '{m[1]}'."
        ),
    ),
    (
        re.compile(
            r"\[facet 'minLength'\] The value has a length of '(\d+)'; "
            r"this underruns the allowed minimum length of '(\d+)'\.$"
        ),
        lambda m, el: (
            f"is te kort. Verwacht: minstens {_lengte(m[2])}; "
            f"gevonden: {_lengte(m[1])}."
        ),
    ),
    (
        re.compile(
            r"\[facet 'maxLength'\] The value has a length of '(\d+)'; "
            r"this exceeds the allowed maximum length of '(\d+)'\.$"
        ),
        lambda m, el: (
            f"is te lang. Verwacht: hoogstens {_lengte(m[2])}; "
            f"gevonden: {_lengte(m[1])}."
        ),
    ),
    (
        re.compile(
            r"\[facet 'maxInclusive'\] The value '(.*)' is greater than the "
            r"maximum value allowed \('(.*)'\)\.$"
        ),
        lambda m, el: f"is te groot. Verwacht: hoogstens {m[2]}; gevonden: {m[1]}.",
    ),
    (
        re.compile(
            r"\[facet 'minInclusive'\] The value '(.*)' is less than the "
            r"minimum value allowed \('(.*)'\)\.$"
        ),
        lambda m, el: f"is te klein. Verwacht: minstens {m[2]}; gevonden: {m[1]}.",
    ),
    (
        re.compile(
            r"\[facet 'totalDigits'\] The value '(.*)' has more digits than are "
            r"allowed \('(\d+)'\)\.$"
        ),
        lambda m, el: (
            f"heeft te veel cijfers. Verwacht: hoogstens {m[2]} cijfers; "
            f"gevonden: '{m[1]}'."
        ),
    ),
    (
        re.compile(
            r"\[facet 'fractionDigits'\] The value '(.*)' has more fractional "
            r"digits than are allowed \('(\d+)'\)\.$"
        ),
        lambda m, el: (
            f"heeft te veel decimalen. Verwacht: hoogstens {m[2]}; gevonden: '{m[1]}'."
        ),
    ),
    (
        re.compile(
            r"'(.*)' is not a valid value of the (?:local )?atomic type(?: '(.*)')?\.$"
        ),
        lambda m, el: (
            f"heeft een ongeldige waarde. Verwacht: {_type(m[2] or '')}; "
            f"gevonden: '{m[1]}'."
        ),
    ),
    (
        re.compile(r"Character content other than whitespace is not allowed.*$"),
        lambda m, el: (
            "mag geen tekst bevatten. Verwacht: alleen onderliggende "
            "elementen; gevonden: tekst."
        ),
    ),
    (
        re.compile(
            r"Element content is not allowed, because the content type is a simple.*$"
        ),
        lambda m, el: (
            "mag alleen een waarde bevatten. Verwacht: tekst; gevonden: "
            "onderliggende elementen."
        ),
    ),
    (
        re.compile(
            r"No matching global declaration available for the validation root\.$"
        ),
        lambda m, el: (
            "is geen hoofdelement van dit bericht. Verwacht: het "
            f"'Bericht' van het schema; gevonden: '{el}'."
        ),
    ),
    (
        re.compile(r"The attribute '(.*)' is not allowed\.$"),
        lambda m, el: (
            f"heeft een attribuut dat niet is toegestaan. Verwacht: geen "
            f"attribuut; gevonden: '{m[1]}'."
        ),
    ),
]


def xsd_melding(message: str, path: str | None = None) -> str:
    """The Dutch sentence for one libxml2 schema error."""
    tekst = message.strip()
    kop = _ELEMENT.match(tekst)
    element, attribuut = (kop[1], kop[2]) if kop else ("?", None)
    rest = tekst[kop.end() :] if kop else tekst
    waar = f" ({leesbaar_pad(path)})" if path else ""
    onderwerp = f"Element '{element}'{waar}"
    if attribuut and not rest.startswith("The attribute"):
        onderwerp += f", attribuut '{attribuut}'"
    for vorm, vertaal in _VORMEN:
        gevonden = vorm.search(rest)
        if gevonden:
            return f"{onderwerp} {vertaal(gevonden, element)}"
    return f"{onderwerp} voldoet niet aan het XSD-schema van iWmo 3.2 ({rest})."
