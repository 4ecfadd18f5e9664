"""The only entry point for XML input in the project: a hardened lxml parser.

Refuses DTDs (so entities, billion laughs and external DTDs), network access,
oversized and overly deep documents and encodings other than UTF-8, and turns
every failure into an `XmlInputError` with a Dutch message and a short `code`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from lxml import etree

from berichten.xml.catalog import (
    BERICHT_BY_CODE,
    BERICHT_SUBVERSIE,
    BERICHT_VERSIE,
    BERICHTCODES,
)

MAX_BYTES = 25 * 1024 * 1024  # OP179
MAX_DEPTH = 64

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DECLARED_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']"""
)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_IWMO32_NS = re.compile(r"^http://www\.istandaarden\.nl/iwmo/3_2/(wmo\d{3})/schema$")
_OTHER_ISTANDAARD_NS = re.compile(
    r"^https?://www\.istandaarden\.nl/(iwmo|ijw)/(\d+)_(\d+)/"
)
_TOO_DEEP = etree.XPath("boolean(" + "/*" * (MAX_DEPTH + 1) + ")")


class XmlInputError(ValueError):
    """Unusable XML input. `str(e)` is a Dutch message for people, `code` is for machines."""

    def __init__(self, code: str, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.line = line


@dataclass(frozen=True)
class MessageKind:
    bericht: str  # "WMO301"
    berichtcode: str  # "414"
    namespace: str


def _check_prolog(data: bytes) -> None:
    match = _DECLARED_ENCODING.match(data)
    if match and match.group(1).lower() not in (b"utf-8", b"utf8"):
        declared = match.group(1).decode("ascii")
        raise XmlInputError(
            "encoding",
            f"Het bestand is gecodeerd als '{declared}'; iWmo-berichten moeten UTF-8 zijn.",
        )
    first = _FIRST_ELEMENT.search(data)
    prolog = data[: first.start()] if first else data
    if _DOCTYPE.search(prolog):
        raise XmlInputError(
            "dtd_forbidden",
            "Het bestand bevat een DOCTYPE (DTD). Dat is in iWmo-berichten niet "
            "toegestaan en wordt om veiligheidsredenen geweigerd.",
        )


def _too_deep() -> XmlInputError:
    return XmlInputError(
        "too_deep",
        f"Het bestand is dieper genest dan {MAX_DEPTH} niveaus; dat past bij "
        "geen enkel iWmo-bericht.",
    )


def _syntax_error(exc: etree.XMLSyntaxError) -> XmlInputError:
    line = exc.lineno or None
    where = f" (regel {line})" if line else ""
    text = (exc.msg or "").strip()
    lowered = text.lower()
    if "excessive depth" in lowered:
        # libxml2 stops at 256 levels before our own limit can look at the tree:
        # the answer is ours, not its English advice to switch on XML_PARSE_HUGE.
        return _too_deep()
    if "entity" in lowered:
        return XmlInputError(
            "entity_forbidden",
            f"Het bestand gebruikt een entiteit die niet is toegestaan{where}.",
            line=line,
        )
    if "encoding" in lowered or "utf-8" in lowered:
        return XmlInputError(
            "encoding",
            f"Het bestand is geen geldige UTF-8-tekst{where}.",
            line=line,
        )
    return XmlInputError(
        "malformed",
        f"Het bestand is geen geldige of volledige XML{where}: {text}",
        line=line,
    )


_parsers = threading.local()


def _parser() -> etree.XMLParser:
    """One parser per thread: making one costs more than parsing a small message,
    and an lxml parser may be reused but not shared between threads."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = _new_parser()
    return parser


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
        remove_comments=True,
        remove_pis=True,
    )


def parse(data: bytes) -> etree._Element:
    """Parse untrusted bytes into an element tree, or raise `XmlInputError`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise XmlInputError(
            "too_large",
            f"Het bestand is {len(data) / 1024 / 1024:.1f} MB; de grens is "
            f"{MAX_BYTES // 1024 // 1024} MB (OP179).",
        )
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    elif data.startswith(_UTF16_BOMS):
        raise XmlInputError(
            "encoding", "Het bestand is UTF-16; iWmo-berichten moeten UTF-8 zijn."
        )
    if not data or data.isspace():  # no copy of a large file, unlike strip()
        raise XmlInputError("empty", "Het bestand is leeg.")
    _check_prolog(data)
    try:
        root = etree.fromstring(data, _parser())  # noqa: TID251
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise XmlInputError(
            "dtd_forbidden",
            "Het bestand bevat een DOCTYPE (DTD); dat is niet toegestaan.",
        )
    if _TOO_DEEP(root):
        raise _too_deep()
    return root


def _namespace_hint(namespace: str, localname: str) -> str:
    match = _OTHER_ISTANDAARD_NS.match(namespace)
    if not match:
        return ""
    standaard, major, minor = match.groups()
    if standaard == "ijw":
        return " Dit is een iJw-bericht (Jeugdwet), geen iWmo-bericht."
    if (major, minor) != ("3", "2"):
        return (
            f" Dit lijkt een iWmo {major}.{minor}-bericht; dit portaal verwerkt "
            "alleen iWmo 3.2."
        )
    # An iWmo 3.2 namespace, but not exactly that of a message: say what differs.
    if localname != "Bericht":
        return " Het hoofdelement van een iWmo 3.2-bericht heet 'Bericht'."
    return (
        " De namespace hoort bij iWmo 3.2 maar is niet die van een bericht; "
        "verwacht is precies http://www.istandaarden.nl/iwmo/3_2/wmoNNN/schema "
        "(met http, kleine letters en het berichtnummer, bijvoorbeeld wmo301)."
    )


def _header_values(root: etree._Element, namespace: str) -> dict[str, str]:
    """Stripped text of the Header's simple children, by local name."""
    tag = f"{{{namespace}}}Header"
    header = root[0] if len(root) and root[0].tag == tag else root.find(tag)
    if header is None:
        return {}
    prefix = len(namespace) + 2
    return {
        el.tag[prefix:]: (el.text or "").strip()
        for el in header[:3]
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{namespace}}}")
    }


def identify(root: etree._Element) -> MessageKind:
    """Which iWmo 3.2 message this root is; checks namespace, BerichtCode and version."""
    tag = root.tag
    if not isinstance(tag, str):
        raise XmlInputError("wrong_namespace", "Het bestand bevat geen XML-element.")
    namespace, _, localname = tag[1:].partition("}") if tag[0] == "{" else ("", "", tag)
    match = _IWMO32_NS.match(namespace)
    if localname != "Bericht" or not match:
        found = f"'{{{namespace}}}{localname}'" if namespace else f"'{localname}'"
        raise XmlInputError(
            "wrong_namespace",
            f"Het hoofdelement {found} is geen 'Bericht' in de namespace van een "
            "iWmo 3.2-bericht." + _namespace_hint(namespace, localname),
            line=root.sourceline,
        )
    bericht = match.group(1).upper()
    if bericht not in BERICHTCODES:
        raise XmlInputError(
            "unknown_berichtcode",
            f"Bericht {bericht} bestaat niet in iWmo 3.2.",
            line=root.sourceline,
        )
    header = _header_values(root, namespace)
    code = header.get("BerichtCode")
    if code != BERICHTCODES[bericht]:
        other = BERICHT_BY_CODE.get(code or "")
        reason = f"hoort bij {other}" if other else "is onbekend"
        raise XmlInputError(
            "unknown_berichtcode",
            f"BerichtCode '{code or ''}' {reason}; voor {bericht} moet dat "
            f"{BERICHTCODES[bericht]} zijn.",
            line=root.sourceline,
        )
    versie = header.get("BerichtVersie")
    subversie = header.get("BerichtSubversie")
    if (versie, subversie) != (BERICHT_VERSIE, BERICHT_SUBVERSIE):
        raise XmlInputError(
            "wrong_version",
            f"Berichtversie {versie}.{subversie} wordt niet ondersteund; "
            f"verwacht is {BERICHT_VERSIE}.{BERICHT_SUBVERSIE}.",
            line=root.sourceline,
        )
    return MessageKind(bericht=bericht, berichtcode=code, namespace=namespace)
