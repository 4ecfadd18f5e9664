"""Level-2 checks (berichtinhoud): every in-message rule, per message type.

`controleer_inhoud(message)` runs the level-2 rules of the message's type; any
finding rejects the whole message (retour header-only, RetourCode 0001).
`controleer_zonder_database(message)` adds the level-3/4 rules that need no
database (TR314 within the message, TR346); they reject a single Prestatie with
their own retourcode and belong to the domain handler and the proefdeclaratie.
"""

import functools

from berichten.bevinding import Bevinding
from berichten.regels import (  # noqa: F401  (modules register their rules on import)
    algemeen,
    declaratie,
    melding,
    producten,
    toewijzing,
    verzoek,
)
from berichten.regels.basis import INHOUD, ZONDER_DATABASE, Regel, voer_uit


@functools.cache
def _regels(bericht_type: str, met_zonder_database: bool) -> tuple[Regel, ...]:
    regels = list(INHOUD.get(bericht_type, []))
    if met_zonder_database:
        regels += ZONDER_DATABASE.get(bericht_type, [])
    return tuple(regels)


def regels_voor(bericht_type: str, *, met_zonder_database: bool = False) -> list[Regel]:
    return list(_regels(bericht_type, met_zonder_database))


def controleer_inhoud(message) -> list[Bevinding]:
    return voer_uit(_regels(message.BERICHT, False), message)


def controleer_zonder_database(message) -> list[Bevinding]:
    return voer_uit(_regels(message.BERICHT, True), message)


__all__ = ["controleer_inhoud", "controleer_zonder_database", "regels_voor"]
