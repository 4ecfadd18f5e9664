"""iWmo 3.2 codelists as data (generated from the standard's codelists by
scripts/extract_codelists.py), read here and nowhere else."""

import json
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("iwmo-3.2.json")

EENHEID = "LDT_Eenheid"
FREQUENTIE = "LDT_Frequentie"
PRODUCTCATEGORIE = "LDT_ProductCategorie"
REDEN_WIJZIGING = "LDT_RedenWijziging"
REDEN_BEEINDIGING = "LDT_RedenBeeindiging"
RETOURCODE = "LDT_RetourCode"
GESLACHT = "LDT_Geslacht"


@cache
def _lists() -> dict[str, dict[str, str]]:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {name: entry["codes"] for name, entry in raw.items()}


def codes(lijst: str) -> dict[str, str]:
    """All codes of one list, code -> Dutch description."""
    return _lists()[lijst]


def choices(lijst: str) -> list[tuple[str, str]]:
    return [(code, f"{code} – {text}") for code, text in codes(lijst).items()]


def omschrijving(lijst: str, code: str) -> str:
    """Dutch text of a code; the code itself when the list does not know it."""
    return codes(lijst).get(code, code)


def is_valid(lijst: str, code: str) -> bool:
    return code in codes(lijst)
