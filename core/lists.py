"""Sorting for the HTML lists: `?sortering=<kolom>` or `-<kolom>`, from an allow-list.

A list view names its sortable columns and what each sorts on:

    sorteer_velden = {"datum": "aangemaakt_op", "naam": ("achternaam", "bsn")}

`?sortering=datum` sorts ascending, `?sortering=-datum` descending; anything else
(an unknown column, SQL, an empty value) is ignored and the list keeps its own
order. The primary key breaks ties, so paging stays stable. Querysets are sorted
in the database; a list of computed rows (signalen) is sorted in Python on the
same names, read as attributes.

Templates show column headers with `{% sorteerkolom %}` (core/templatetags/lijsten.py):
links that replace `sortering=`, with `aria-sort` on the sorted column.
"""

from operator import attrgetter

from django.db.models import F, QuerySet
from django.http import HttpRequest

SORTERING = "sortering"


def _velden(waarde: str | tuple[str, ...]) -> tuple[str, ...]:
    return (waarde,) if isinstance(waarde, str) else tuple(waarde)


def _omgekeerd(veld: str) -> str:
    return veld[1:] if veld.startswith("-") else f"-{veld}"


def sorteer(rijen, sorteer_velden: dict, sortering: str):
    """The rows sorted on an allowed column (see the module text); as they were otherwise."""
    kolom = sortering.removeprefix("-")
    if not kolom or kolom not in sorteer_velden:
        return rijen
    velden = _velden(sorteer_velden[kolom])
    if sortering.startswith("-"):
        velden = tuple(_omgekeerd(v) for v in velden)
    if isinstance(rijen, QuerySet):
        volgorde = [
            F(v[1:]).desc(nulls_last=True)
            if v.startswith("-")
            else F(v).asc(nulls_last=True)
            for v in velden
        ]
        return rijen.order_by(*volgorde, "-pk" if sortering.startswith("-") else "pk")
    rijen = list(rijen)
    # Python's sort is stable: sort on the last field first.
    for veld in reversed(velden):
        naam = veld.removeprefix("-")
        rijen.sort(
            key=lambda rij, n=naam: (attrgetter(n)(rij) is None, attrgetter(n)(rij)),
            reverse=veld.startswith("-"),
        )
    return rijen


class SorteerbareLijstMixin:
    """List views: sort `get_queryset()` on `?sortering=` from `sorteer_velden`."""

    request: HttpRequest  # set by the view it is mixed into
    sorteer_velden: dict[str, str | tuple[str, ...]] = {}

    def sortering(self) -> str:
        """The requested sortering when it is allowed, else ''."""
        waarde = self.request.GET.get(SORTERING, "").strip()
        return waarde if waarde.removeprefix("-") in self.sorteer_velden else ""

    def get_queryset(self):
        return sorteer(super().get_queryset(), self.sorteer_velden, self.sortering())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop(SORTERING, None)
        context["sorteerbaar"] = True
        context["sortering"] = self.sortering()
        context["sorteer_querystring"] = query.urlencode()
        return context
