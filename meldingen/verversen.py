"""The start page fresh after the user's own action.

The start page reads a party's kept counts (core.Werkvoorraad, see portaal/werkvoorraad.py)
that celery beat recomputes every 30 s. When a user's request writes a row those
counts read (a start zorg, a verzoek, a toewijzing…), the kept rows of the parties
of that row are marked old once the write commits, so the next visit of anyone of
those parties recomputes them instead of showing the count of a minute ago.
Writes outside a request (message processing by a worker, imports, beat) leave the
rows to the beat refresh: a large gemeente that receives messages all day would
otherwise recount its toewijzingen on nearly every visit. A rolled-back write marks
nothing. Saves only: bulk updates that bypass save() are caught by the beat.
"""

from contextvars import ContextVar
from datetime import UTC, datetime
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from berichten.models import Bericht
from core.constants import Rol
from core.models import Werkvoorraad
from toewijzingen.models import Levering, Signaal, Toewijzing, Verzoek

OUD = datetime(2000, 1, 1, tzinfo=UTC)

# The keys to mark old after the next commit; None outside a request.
_verouderd: ContextVar[set[str] | None] = ContextVar("verouderd", default=None)


def _sleutels(gemeente_id, aanbieder_id) -> set[str]:
    sleutels = set()
    if gemeente_id:
        sleutels.add(Werkvoorraad.sleutel_van(Rol.GEMEENTE, gemeente_id, None))
    if aanbieder_id:
        sleutels.add(Werkvoorraad.sleutel_van(Rol.AANBIEDER, None, aanbieder_id))
    return sleutels


def _markeren(sleutels: set[str]) -> None:
    if sleutels:
        lijst = list(sleutels)
        sleutels.clear()
        Werkvoorraad.objects.filter(sleutel__in=lijst, berekend_op__gt=OUD).update(
            berekend_op=OUD
        )


def _partijen_van_levering(levering: Levering) -> tuple:
    if Levering.toewijzing.is_cached(levering):
        return levering.toewijzing.gemeente_id, levering.toewijzing.aanbieder_id
    rij = (
        Toewijzing.objects.filter(pk=levering.toewijzing_id)
        .values_list("gemeente_id", "aanbieder_id")
        .first()
    )
    return rij or (None, None)


def _bij_wijziging(sender, instance, **kwargs) -> None:
    sleutels = _verouderd.get()
    if sleutels is None or kwargs.get("raw"):
        return  # not in a request, or loaddata
    gemeente_id = getattr(instance, "gemeente_id", None)
    aanbieder_id = getattr(instance, "aanbieder_id", None)
    if isinstance(instance, Levering):
        gemeente_id, aanbieder_id = _partijen_van_levering(instance)
    nieuw = _sleutels(gemeente_id, aanbieder_id)
    if nieuw - sleutels:
        sleutels.update(nieuw)
        transaction.on_commit(partial(_markeren, sleutels))


class VersNaActieMiddleware:
    """Collects, per request, the parties whose kept counts a write made old."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _verouderd.set(set())
        try:
            return self.get_response(request)
        finally:
            _verouderd.reset(token)


def aansluiten() -> None:
    for model in (Bericht, Levering, Signaal, Toewijzing, Verzoek):
        uid = f"meldingen-verversen-{model._meta.label_lower}"
        post_save.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
        post_delete.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
