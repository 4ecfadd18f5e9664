"""Reads on stamgegevens, always scoped to the user (core.scoping)."""

from django.db.models import Count, Prefetch, QuerySet

from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Product,
    Wijzigingsverzoek,
)


def contract_list(*, user) -> QuerySet[Contract]:
    return (
        Contract.objects.visible_to(user)
        .select_related("aanbieder", "gemeente", "regio")
        .annotate(aantal_producten=Count("contractproducten"))
        .order_by("-begindatum", "nummer")
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


def aanbieder_list(*, user) -> QuerySet[Aanbieder]:
    return Aanbieder.objects.visible_to(user)


def product_list(*, user) -> QuerySet[Product]:
    return Product.objects.visible_to(user)


def wijzigingsverzoek_list(*, user) -> QuerySet[Wijzigingsverzoek]:
    return Wijzigingsverzoek.objects.visible_to(user).select_related(
        "aanbieder", "ingediend_door", "beoordeeld_door"
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
