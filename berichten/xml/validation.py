"""XSD validation of iWmo 3.2 messages against the project's own schemas.

Pure Python + lxml, no Django import. The schemas in ``SCHEMA_DIR`` are the
project's own XSDs for all 14 iWmo 3.2 messages, written from the published
structure (same namespaces, types and restrictions as the official XSD 1.0.0).

``validate_official`` validates against the official schemas beside the
repository (``../shared/docs/iwmo/xsd-3.2``); it exists for the tests that
compare both schema sets and is never used by production code.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from berichten.xml.meldingen import xsd_melding

SCHEMA_DIR: Path = Path(__file__).resolve().parent / "schemas" / "3.2"

OFFICIAL_SCHEMA_DIR: Path = (
    Path(__file__).resolve().parents[2].parent / "shared" / "docs" / "iwmo" / "xsd-3.2"
)

MESSAGES: tuple[str, ...] = (
    "WMO301",
    "WMO302",
    "WMO305",
    "WMO306",
    "WMO307",
    "WMO308",
    "WMO315",
    "WMO316",
    "WMO317",
    "WMO318",
    "WMO319",
    "WMO320",
    "WMO323",
    "WMO325",
)

OFFICIAL_MESSAGES: tuple[str, ...] = (
    "WMO301",
    "WMO305",
    "WMO307",
    "WMO315",
    "WMO317",
    "WMO319",
    "WMO323",
)


@dataclass(frozen=True)
class SchemaFinding:
    """One XSD validation error; `message` in Dutch, `origineel` as libxml2 wrote it."""

    line: int | None
    path: str | None
    message: str
    origineel: str = ""


def _schema_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_blank_text=True,
    )


def _check_bericht(bericht: str, allowed: tuple[str, ...]) -> str:
    if bericht not in allowed:
        raise KeyError(f"Onbekend of niet ondersteund bericht: {bericht!r}")
    return bericht


@functools.lru_cache(maxsize=32)
def _schema_document(directory: Path, bericht: str) -> etree._ElementTree:
    """Parse a (trusted, local) schema document once; xs:import resolves beside it."""
    path = directory / f"{bericht}.xsd"
    if not path.is_file():
        raise FileNotFoundError(f"Schema niet gevonden: {path}")
    return etree.parse(str(path), _schema_parser())  # noqa: TID251


def schema(bericht: str) -> etree.XMLSchema:
    """A fresh ``XMLSchema`` for ``bericht`` (e.g. ``"WMO301"``) from the project schemas."""
    _check_bericht(bericht, MESSAGES)
    return etree.XMLSchema(_schema_document(SCHEMA_DIR, bericht))


def official_schema(bericht: str) -> etree.XMLSchema:
    """A fresh ``XMLSchema`` from the official schemas in ../shared (tests only)."""
    _check_bericht(bericht, OFFICIAL_MESSAGES)
    return etree.XMLSchema(_schema_document(OFFICIAL_SCHEMA_DIR, bericht))


def _element_path(error: etree._LogEntry) -> str | None:
    path = getattr(error, "path", None)
    return path or None


def _run(
    xml_schema: etree.XMLSchema, doc: etree._Element | etree._ElementTree
) -> list[SchemaFinding]:
    if xml_schema.validate(doc):
        return []
    return [
        SchemaFinding(
            line=error.line or None,
            path=_element_path(error),
            message=xsd_melding(error.message, _element_path(error)),
            origineel=error.message,
        )
        for error in xml_schema.error_log
    ]


_compiled = threading.local()


def _compiled_schema(bericht: str) -> etree.XMLSchema:
    """One compiled schema per message type and thread: compiling costs ~1 ms, and
    ``validate()`` resets the error log on every call, so reuse is safe per thread."""
    cache = _compiled.__dict__.setdefault("schemas", {})
    if bericht not in cache:
        cache[bericht] = schema(bericht)
    return cache[bericht]


def validate(
    doc: etree._Element | etree._ElementTree, bericht: str
) -> list[SchemaFinding]:
    """Validate ``doc`` against the project schema for ``bericht``; empty list means valid."""
    return _run(_compiled_schema(bericht), doc)


def validate_official(
    doc: etree._Element | etree._ElementTree, bericht: str
) -> list[SchemaFinding]:
    """Validate ``doc`` against the official schema (only the 7 in ``OFFICIAL_MESSAGES``)."""
    return _run(official_schema(bericht), doc)
