"""The one signature of a list selector: `<ding>_list(*, user, filters=None)`.

`user` scopes the rows (core.scoping); `filters` is a plain mapping of the keys
the selector documents. A key without a value, or one the selector does not
know, is ignored, so a screen can pass its cleaned query parameters as they are.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

Filters = Mapping[str, Any] | None


def op_velden(qs: QuerySet, filters: Filters, velden: Mapping[str, str]) -> QuerySet:
    """Apply the equality filters of `velden` (filter key -> field lookup)."""
    filters = filters or {}
    for sleutel, lookup in velden.items():
        if filters.get(sleutel):
            qs = qs.filter(**{lookup: filters[sleutel]})
    return qs
