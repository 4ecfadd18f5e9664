"""Bulk actions: one background job (core.taken) that runs a service per selected item.

    return per_item(taak, ids=toewijzing_ids, vind=..., actie=..., naam=...)

Each item runs in its own transaction (a savepoint when the caller holds one): an
item that is refused (`ApplicationError`, or an object the user may not see) is
recorded with its reason and never stops or undoes the others. The job's
`resultaat["regels"]` holds one line per item, shown on the job's page.
"""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core import wachtrij
from core.exceptions import ApplicationError
from core.taken import voortgang

logger = logging.getLogger(__name__)

# At most this many items per job; the list pages select at most a page anyway.
MAXIMUM = 1000
STAP = 10  # progress every STAP items
NIET_GEVONDEN = "niet gevonden, of niet van uw organisatie"


def ids_lezen(waarden: Iterable[str]) -> list[int]:
    """The selected ids of a POST, as positive integers, each once, in order.

    Raises ApplicationError on anything else (a forged or empty selection)."""
    ids: list[int] = []
    for waarde in waarden:
        if not str(waarde).isdigit() or int(waarde) <= 0:
            raise ApplicationError("De selectie is ongeldig.", code="selectie")
        if int(waarde) not in ids:
            ids.append(int(waarde))
    if not ids:
        raise ApplicationError("Kies ten minste één regel.", code="selectie")
    if len(ids) > MAXIMUM:
        raise ApplicationError(
            f"Kies ten hoogste {MAXIMUM} regels per keer.", code="selectie"
        )
    return ids


def _reden(exc: Exception) -> str:
    if isinstance(exc, ApplicationError):
        return exc.message
    return "; ".join(getattr(exc, "messages", [str(exc)]))  # ValidationError


def per_item(
    taak,
    *,
    ids: list[int],
    vind: Callable[[int], Any],
    actie: Callable[[Any], tuple[str, str]],
    naam: Callable[[Any], str],
) -> dict:
    """Run `actie(object)` for every id, each in its own transaction.

    `vind(pk)` returns the object scoped to the job's user, or None (refused as not
    found); `actie` returns (what was done, url); `naam(object)` labels its line."""
    regels, gelukt = [], 0
    voortgang(taak, 0, len(ids))
    for gedaan, pk in enumerate(ids, start=1):
        label = f"Nr. {pk}"
        try:
            with transaction.atomic():
                obj = vind(pk)
                if obj is None:
                    raise ApplicationError(NIET_GEVONDEN, code="geen_toegang")
                label = naam(obj)
                tekst, url = actie(obj)
        except (ApplicationError, ValidationError) as exc:
            regels.append(
                {"id": pk, "tekst": f"{label}: geweigerd: {_reden(exc)}", "fout": True}
            )
        except Exception as exc:  # one item's fault never stops the others
            if wachtrij.is_databaseverbinding_weg(exc):
                raise
            logger.exception("Bulkactie taak %s, item %s", taak.pk, pk)
            regels.append(
                {"id": pk, "tekst": f"{label}: mislukt door een fout.", "fout": True}
            )
        else:
            gelukt += 1
            regels.append({"id": pk, "tekst": f"{label}: {tekst}", "url": url})
        if gedaan % STAP == 0 or gedaan == len(ids):
            voortgang(taak, gedaan, len(ids))
    geweigerd = len(ids) - gelukt
    melding = f"{gelukt} gelukt, {geweigerd} geweigerd."
    voortgang(taak, len(ids), len(ids), melding=melding)
    return {"regels": regels, "gelukt": gelukt, "geweigerd": geweigerd}
