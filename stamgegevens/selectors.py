"""Reads on stamgegevens, always scoped to the user (core.scoping)."""

from django.db.models import Count, Prefetch, QuerySet

from core.selectie import Filters, op_velden
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Product,
    Wijzigingsverzoek,
)


def contract_list(*, user, filters: Filters = None) -> QuerySet[Contract]:
    """filters: aanbieder (id), gemeente (id)."""
    return op_velden(
        Contract.objects.visible_to(user)
        .select_related("aanbieder", "gemeente", "regio")
        .annotate(aantal_producten=Count("contractproducten"))
        .order_by("-begindatum", "nummer"),
        filters,
        {"aanbieder": "aanbieder_id", "gemeente": "gemeente_id"},
    )


def contract_detail_queryset(*, user) -> QuerySet[Contract]:
    return (
        Contract.objects.visible_to(user)
        .select_related("aanbieder", "gemeente", "regio")
        .prefetch_related(
            Prefetch(
                "contractproducten",
                queryset=ContractProduct.objects.select_related("product")
                .prefetch_related("tarieven")
                .order_by("product__categorie", "product__code"),
            ),
            "regio__gemeenten",
        )
    )


def aanbieder_list(*, user, filters: Filters = None) -> QuerySet[Aanbieder]:
    """filters: agb_code."""
    return op_velden(
        Aanbieder.objects.visible_to(user), filters, {"agb_code": "agb_code"}
    )


def product_list(*, user, filters: Filters = None) -> QuerySet[Product]:
    """filters: status (ProductStatus), categorie."""
    return op_velden(
        Product.objects.visible_to(user),
        filters,
        {"status": "status", "categorie": "categorie"},
    )


def wijzigingsverzoek_list(
    *, user, filters: Filters = None
) -> QuerySet[Wijzigingsverzoek]:
    """filters: aanbieder (id), status (WijzigingStatus)."""
    return op_velden(
        Wijzigingsverzoek.objects.visible_to(user).select_related(
            "aanbieder", "ingediend_door", "beoordeeld_door"
        ),
        filters,
        {"aanbieder": "aanbieder_id", "status": "status"},
    )


def history_of(obj, *, limit: int = 50) -> list[dict]:
    """Readable history rows: when, who, what changed (old -> new)."""
    records = list(
        obj.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    rows = []
    for record, previous in zip(records, records[1:] + [None], strict=False):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                {
                    "veld": obj._meta.get_field(change.field).verbose_name,
                    "oud": change.old,
                    "nieuw": change.new,
                }
                for change in delta.changes
            ]
        rows.append(
            {
                "datum": record.history_date,
                "gebruiker": record.history_user,
                "soort": record.get_history_type_display(),
                "reden": record.history_change_reason or "",
                "wijzigingen": changes,
            }
        )
    return rows[:limit]
