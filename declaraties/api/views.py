"""Read-only API for declaraties (WMO323) and their prestaties.

Same scoped selectors and FilterSets as the screens: another party's declaratie
or line is a 404, and a foreign party in a filter is refused.
"""

from rest_framework import viewsets
from rest_framework.exceptions import MethodNotAllowed

from core.api.permissions import HeeftRol
from declaraties import selectors
from declaraties.api import serializers as s
from declaraties.filters import DeclaratieApiFilter, PrestatieFilter


class AlleenLezenMixin:
    """Read-only for every role: writing is 405 (not offered), not 403 (not yours).

    HeeftRol runs before the method is looked up and refuses writes without a
    role; a logged-in user is told the method does not exist instead. Anonymous
    users are still refused by HeeftRol.
    """

    def check_permissions(self, request):
        method = request.method.lower()
        if request.user.is_authenticated and not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)


class DeclaratieViewSet(AlleenLezenMixin, viewsets.ReadOnlyModelViewSet):
    """Declaraties of the party, with their totals and links to the 323 and 325.

    A gemeente sees them once sent; a concept is the aanbieder's own."""

    serializer_class = s.DeclaratieSerializer
    permission_classes = [HeeftRol]
    filterset_class = DeclaratieApiFilter
    ordering_fields = [
        "periode_begin",
        "declaratie_nummer",
        "status",
        "totaal_ingediend",
    ]

    def get_queryset(self):
        return selectors.declaratie_api_list(user=self.request.user)


class PrestatieViewSet(AlleenLezenMixin, viewsets.ReadOnlyModelViewSet):
    """Prestaties (lines) of the party's declaraties, with their retourcodes in
    Dutch. The BSN is masked in the list and the detail alike."""

    serializer_class = s.PrestatieSerializer
    permission_classes = [HeeftRol]
    filterset_class = PrestatieFilter
    ordering_fields = [
        "begindatum",
        "einddatum",
        "toewijzing_nummer",
        "ingediend_bedrag",
        "status",
    ]

    def get_queryset(self):
        return selectors.prestatie_list(user=self.request.user)
