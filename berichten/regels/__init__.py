"""Level-2 checks (berichtinhoud): every in-message rule, per message type.

`controleer_inhoud(message)` runs the level-2 rules of the message's type; any
finding rejects the whole message (retour header-only, RetourCode 0001).
`controleer_zonder_database(message)` adds the level-3/4 rules that need no
database (TR314 within the message, TR346); they reject a single Prestatie with
their own retourcode and belong to the domain handler and the proefdeclaratie.
"""

from berichten.bevinding import Bevinding
from berichten.regels import (  # noqa: F401  (modules register their rules on import)
    algemeen,
    declaratie,
    melding,
    producten,
    toewijzing,
    verzoek,
)
from berichten.regels.basis import INHOUD, ZONDER_DATABASE, Regel


def _voer_uit(regels: list[Regel], message) -> list[Bevinding]:
    return [bevinding for controle in regels for bevinding in controle(message)]


def regels_voor(bericht_type: str, *, met_zonder_database: bool = False) -> list[Regel]:
    regels = list(INHOUD.get(bericht_type, []))
    if met_zonder_database:
        regels += ZONDER_DATABASE.get(bericht_type, [])
    return regels


def controleer_inhoud(message) -> list[Bevinding]:
    return _voer_uit(regels_voor(message.BERICHT), message)


def controleer_zonder_database(message) -> list[Bevinding]:
    return _voer_uit(regels_voor(message.BERICHT, met_zonder_database=True), message)


__all__ = ["controleer_inhoud", "controleer_zonder_database", "regels_voor"]
