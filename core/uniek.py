"""`enige_of_geen(queryset)`: the one row a unique key selects, or None.

`.first()` sorts by the primary key when the queryset has no order: one more
clause to compile for every lookup, and a sort the planner may follow instead of
the key's index when the statistics lag behind a bulk load.
"""

from django.db.models import QuerySet


def enige_of_geen(queryset: QuerySet):
    """The first row of `queryset` unordered (for a lookup by a unique key)."""
    return next(iter(queryset.order_by()[:1]), None)
