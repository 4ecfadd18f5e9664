"""The payment file pays a declaratie once: what a file paid is marked, and a
later file leaves it out unless the gemeente asks to pay it again."""

from django.db import transaction
from django.utils import timezone

from declaraties import selectors
from declaraties.models import Declaratie


def te_betalen_declaraties(
    *, user, periode: str | None = None, ook_betaald: bool = False
) -> list[Declaratie]:
    """The gemeente's approved declaraties for a payment file, locked until the
    transaction ends: a payment file made at the same time waits and then finds
    them paid (call inside `transaction.atomic`)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("te_betalen_declaraties needs a transaction.")
    return list(
        selectors.goedgekeurde_declaraties(
            user=user, periode=periode, ook_betaald=ook_betaald
        ).select_for_update(of=("self",))
    )


def als_betaald_markeren(*, declaraties: list[Declaratie], betaalbestand: str) -> int:
    """Mark `declaraties` as paid by the file `betaalbestand`; the number marked."""
    return Declaratie.objects.filter(pk__in=[d.pk for d in declaraties]).update(
        betaalbestand_op=timezone.now(), betaald_in=betaalbestand[:100]
    )
