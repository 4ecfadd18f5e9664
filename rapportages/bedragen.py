"""The tarief a toewijzing is valued at in the dashboards ("toegewezen").

Tarieven have periods (stamgegevens.Tarief, TR418) and are indexed per 1 January,
so a toewijzing is valued at the tarief of its product under its contract on the
later of its ingangsdatum and the first day of the year shown. An hourly tarief of
a product in minuten counts per minute: the hourly tarief / 60, rounded to the
cent half up (as the ProductTarief of a 323, TR346).
"""

from datetime import date

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Greatest

from stamgegevens.models import Tarief


def tarief_voor(vanaf: date) -> Subquery:
    """An expression on a Toewijzing row: eurocent per eenheid of its product under
    its contract, on the later of its ingangsdatum and `vanaf`."""
    peildatum = Greatest(OuterRef("ingangsdatum"), Value(vanaf))
    return Subquery(
        Tarief.objects.filter(
            contractproduct__contract_id=OuterRef("contract_id"),
            contractproduct__product_id=OuterRef("product_id"),
            geldig_van__lte=peildatum,
        )
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=peildatum))
        .annotate(
            per_eenheid=Case(
                When(per_uur=True, then=(F("bedrag") + 30) / 60),
                default=F("bedrag"),
                output_field=IntegerField(),
            )
        )
        .order_by("-geldig_van")
        .values("per_eenheid")[:1]
    )
