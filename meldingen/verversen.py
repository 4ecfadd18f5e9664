"""The start page's kept counts (core.Werkvoorraad) go stale as soon as a row of
the party changes, not a minute later: after the write commits, the party's kept
rows are marked old so the next visit recomputes them. One receiver per model the
counts read; a save of any of them (through a service, a message handler or the
admin) counts. Bulk updates that bypass save() are caught by the beat refresh."""

from datetime import UTC, datetime

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.constants import Rol
from core.models import Werkvoorraad

OUD = datetime(2000, 1, 1, tzinfo=UTC)


def _sleutels(gemeente_id, aanbieder_id) -> list[str]:
    # The key of core.start: "<rol>:<gemeente_id>:<aanbieder_id>".
    sleutels = []
    if gemeente_id:
        sleutels.append(f"{Rol.GEMEENTE}:{gemeente_id}:None")
    if aanbieder_id:
        sleutels.append(f"{Rol.AANBIEDER}:None:{aanbieder_id}")
    return sleutels


def partij_verouderd(*, gemeente_id=None, aanbieder_id=None) -> None:
    """After the current transaction commits: the party's kept counts are stale."""
    sleutels = _sleutels(gemeente_id, aanbieder_id)
    if sleutels:
        transaction.on_commit(
            lambda: Werkvoorraad.objects.filter(
                sleutel__in=sleutels, berekend_op__gt=OUD
            ).update(berekend_op=OUD)
        )


def _bij_wijziging(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata
    gemeente_id = getattr(instance, "gemeente_id", None)
    aanbieder_id = getattr(instance, "aanbieder_id", None)
    if gemeente_id is None and aanbieder_id is None:
        toewijzing = getattr(instance, "toewijzing", None)  # a Levering
        if toewijzing is not None:
            gemeente_id, aanbieder_id = toewijzing.gemeente_id, toewijzing.aanbieder_id
    partij_verouderd(gemeente_id=gemeente_id, aanbieder_id=aanbieder_id)


def aansluiten() -> None:
    from berichten.models import Bericht
    from toewijzingen.models import Levering, Signaal, Toewijzing, Verzoek

    for model in (Bericht, Levering, Signaal, Toewijzing, Verzoek):
        uid = f"meldingen-verversen-{model._meta.label_lower}"
        post_save.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
        post_delete.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
