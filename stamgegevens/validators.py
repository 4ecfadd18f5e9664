"""Validators for stamgegevens, built on python-stdnum, with Dutch messages."""

import re

from django.core.exceptions import ValidationError

from stdnum import iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import btw, postcode

AGB_PATTERN = re.compile(r"^\d{8}$")
KVK_PATTERN = re.compile(r"^\d{8}$")
GEMEENTECODE_PATTERN = re.compile(r"^\d{4}$")


def validate_agb_code(value: str) -> None:
    if not AGB_PATTERN.match(value or ""):
        raise ValidationError(
            "Een AGB-code bestaat uit precies 8 cijfers.", code="agb_code"
        )


def validate_kvk_nummer(value: str) -> None:
    if not KVK_PATTERN.match(value or ""):
        raise ValidationError(
            "Een KvK-nummer bestaat uit precies 8 cijfers.", code="kvk_nummer"
        )


def validate_gemeentecode(value: str) -> None:
    if not GEMEENTECODE_PATTERN.match(value or ""):
        raise ValidationError(
            "Een gemeentecode (CBS) bestaat uit precies 4 cijfers.", code="gemeentecode"
        )


def validate_iban(value: str) -> None:
    try:
        iban.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "Dit is geen geldig IBAN (controleer land, lengte en controlecijfers).",
            code="iban",
        ) from exc


def validate_btw_nummer(value: str) -> None:
    try:
        btw.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "Dit is geen geldig Nederlands btw-nummer (vorm NL123456789B01).",
            code="btw_nummer",
        ) from exc


def validate_postcode(value: str) -> None:
    try:
        postcode.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "Dit is geen geldige Nederlandse postcode (vorm 1234 AB).", code="postcode"
        ) from exc


def normalise_iban(value: str) -> str:
    return iban.compact(value)


def normalise_btw_nummer(value: str) -> str:
    return "NL" + btw.compact(value)


def is_valid_postcode(value: str) -> bool:
    return postcode.is_valid(value)


def normalise_postcode(value: str) -> str:
    compact = postcode.compact(value)
    return f"{compact[:4]} {compact[4:]}"
