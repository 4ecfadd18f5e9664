"""Which domain handler processes which message type.

Domain apps register in their AppConfig.ready():

    registry.register("WMO305", handle_start_zorg)

A handler is called inside the processing transaction with the stored Bericht
and the decoded message. It checks the rules against earlier messages and the
database (levels 3 and 4), applies what was approved, and returns its findings.
A handler for a heenbericht may return its own answer message (the 325); when it
does not, the generic retour is built from the findings.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from berichten.bevinding import Bevinding


@dataclass
class Verwerking:
    bevindingen: list[Bevinding] = field(default_factory=list)
    antwoord: Any | None = None  # a message object (e.g. Wmo325) to send back instead
    # Rejected as a whole (e.g. a 323 with 8214): the message is not "verwerkt".
    afgekeurd: bool = False
    # The answer follows later (a 325 after the gemeente's review step).
    uitgesteld: bool = False


Handler = Callable[..., Verwerking]

_handlers: dict[str, Handler] = {}


def register(bericht_type: str, handler: Handler) -> None:
    _handlers[bericht_type] = handler


def handler_for(bericht_type: str) -> Handler | None:
    return _handlers.get(bericht_type)


# The tables the domain apps' handlers fill (registered next to their handlers): a
# large `iwmo_import` ends with ANALYZE on them and on Bericht.
_gevulde_modellen: list[type] = []


def modellen_registreren(*modellen: type) -> None:
    for model in modellen:
        if model not in _gevulde_modellen:
            _gevulde_modellen.append(model)


def gevulde_modellen() -> tuple[type, ...]:
    return tuple(_gevulde_modellen)
