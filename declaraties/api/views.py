"""Read-only API for declaraties (WMO323) and their prestaties.

Same scoped selectors and FilterSets as the screens: another party's declaratie
or line is a 404, and a foreign party in a filter is refused.
"""

from rest_framework import viewsets

from core.api.mixins import AlleenLezenMixin, ScopedQuerysetMixin
from core.api.permissions import HeeftRol
from declaraties import selectors
from declaraties.api import serializers as s
from declaraties.filters import DeclaratieApiFilter, PrestatieFilter


class DeclaratieViewSet(
    AlleenLezenMixin, ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet
):
    """Declaraties of the party, with their totals and links to the 323 and 325.

    A gemeente sees them once sent; a concept is the aanbieder's own."""

    serializer_class = s.DeclaratieSerializer
    selector = selectors.declaratie_api_list
    permission_classes = [HeeftRol]
    filterset_class = DeclaratieApiFilter
    ordering_fields = [
        "periode_begin",
        "declaratie_nummer",
        "status",
        "totaal_ingediend",
    ]


class PrestatieViewSet(
    AlleenLezenMixin, ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet
):
    """Prestaties (lines) of the party's declaraties, with their retourcodes in
    Dutch. The BSN is masked in the list and the detail alike."""

    serializer_class = s.PrestatieSerializer
    selector = selectors.prestatie_list
    permission_classes = [HeeftRol]
    filterset_class = PrestatieFilter
    ordering_fields = [
        "begindatum",
        "einddatum",
        "toewijzing_nummer",
        "ingediend_bedrag",
        "status",
    ]
