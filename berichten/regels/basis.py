"""The rule registry and the small helpers every rule module shares."""

import functools
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from datetime import date
from typing import Any, TypeVar

from berichten.bevinding import Bevinding
from berichten.constants import Niveau

Regel = Callable[[Any], Iterator[Bevinding]]

# Per message type: the level-2 rules (retour 0001) and the rules of levels 3/4
# that need nothing but the message itself (their own retourcode, per line).
INHOUD: dict[str, list[Regel]] = {}
ZONDER_DATABASE: dict[str, list[Regel]] = {}

GRENS_2021 = date(2021, 1, 1)  # CD080, CS338, CS100: the 2021 switch to 3.x products


def regel(*bericht_types: str, inhoud: bool = True) -> Callable[[Regel], Regel]:
    """Register a rule for message types; `inhoud=False` for a level-3/4 rule."""

    def registreer(functie: Regel) -> Regel:
        register = INHOUD if inhoud else ZONDER_DATABASE
        for bericht_type in bericht_types:
            register.setdefault(bericht_type, []).append(functie)
        return functie

    return registreer


T = TypeVar("T")

# What several rules derive from one message (its products, its contacts), kept
# for one run of the rules over that message; see `gedeeld` and `voer_uit`.
_gedeeld: ContextVar[dict | None] = ContextVar("regels_gedeeld", default=None)


def gedeeld(functie: Callable[[Any], T]) -> Callable[[Any], T]:
    """`functie(message)` computed once per run of `voer_uit`, shared by its rules
    (outside a run, as when a test calls one rule, it is simply computed)."""

    @functools.wraps(functie)
    def eenmalig(message: Any) -> T:
        cache = _gedeeld.get()
        if cache is None:
            return functie(message)
        if functie not in cache:
            cache[functie] = functie(message)
        return cache[functie]  # type: ignore[no-any-return]

    return eenmalig


def voer_uit(regels: Iterable[Regel], message: Any) -> list[Bevinding]:
    """Every finding of `regels` on `message`; shared rows are built once."""
    token = _gedeeld.set({})
    try:
        return [bevinding for controle in regels for bevinding in controle(message)]
    finally:
        _gedeeld.reset(token)


def fout(
    regel_id: str,
    pad: str,
    tekst: str,
    *,
    niveau: int = Niveau.BERICHTINHOUD,
    retourcode: str = "0001",
) -> Bevinding:
    return Bevinding(
        niveau=int(niveau), regel=regel_id, retourcode=retourcode, pad=pad, tekst=tekst
    )


def dagtekening(message) -> date:
    return message.header.bericht_identificatie.dagtekening


def dubbelen(items: Iterable[tuple[str, object]]) -> Iterator[tuple[str, object]]:
    """(pad, sleutel) of every item whose key was seen before, in one pass."""
    gezien: set = set()
    for pad, sleutel in items:
        if sleutel in gezien:
            yield pad, sleutel
        gezien.add(sleutel)


def jaren_terug(datum: date, jaren: int) -> date:
    try:
        return datum.replace(year=datum.year - jaren)
    except ValueError:  # 29 February
        return datum.replace(year=datum.year - jaren, day=28)


def nl(datum: date) -> str:
    return datum.strftime("%d-%m-%Y")


def product_sleutel(product) -> tuple[str | None, str | None]:
    """(categorie, code) of an optional Product: hashable, for keys."""
    return (product.categorie, product.code) if product is not None else (None, None)
