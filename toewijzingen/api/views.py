"""API for cliënten, toewijzingen, start/stop and verzoeken.

Same selectors, filters and services as the screens: a refusal is the service's
Dutch message (core.api.exception_handler: 400 with detail and code).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.mixins import ScopedQuerysetMixin
from core.api.permissions import HeeftRol
from core.constants import Rol
from core.privacy import bsn_inzage_loggen
from toewijzingen import selectors, services
from toewijzingen.api import serializers as s
from toewijzingen.filters import (
    ClientFilter,
    LeveringFilter,
    ToewijzingFilter,
    VerzoekFilter,
)

GEMEENTE = {Rol.GEMEENTE}
AANBIEDER = {Rol.AANBIEDER}


class ClientViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Cliënten of the party. The list masks the BSN; the detail shows it in
    full to the parties that see the cliënt, and logs that."""

    selector = selectors.client_list
    serializer_class = s.ClientSerializer
    permission_classes = [HeeftRol]
    filterset_class = ClientFilter
    ordering_fields = ["achternaam", "geboortedatum"]

    @extend_schema(responses=s.ClientDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        client = self.get_object()
        bsn_inzage_loggen(user=request.user, bsn=client.bsn, waar=request.path)
        return Response(s.ClientDetailSerializer(client).data)


class ToewijzingViewSet(
    ScopedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    selector = selectors.toewijzing_list
    serializer_class = s.ToewijzingSerializer
    permission_classes = [HeeftRol]
    filterset_class = ToewijzingFilter
    ordering_fields = ["toewijzing_nummer", "ingangsdatum", "einddatum"]
    required_roles = {
        "create": GEMEENTE,
        "beeindigen": GEMEENTE,
        "start": AANBIEDER,
        "stop": AANBIEDER,
    }

    def _toewijzing(self, toewijzing) -> dict:
        return s.ToewijzingSerializer(self.get_queryset().get(pk=toewijzing.pk)).data

    @extend_schema(
        request=s.ToewijzingInputSerializer, responses=s.ToewijzingSerializer
    )
    def create(self, request, *args, **kwargs):
        data = s.ToewijzingInputSerializer(
            data=request.data, context={"request": request}
        )
        data.is_valid(raise_exception=True)
        velden = dict(data.validated_data)
        client = velden.pop("client")
        toewijzing = services.toewijzing_aanmaken(
            user=request.user,
            client=client,
            gegevens=services.ToewijzingGegevens(**velden),
        )
        return Response(self._toewijzing(toewijzing), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.BeeindigenInputSerializer, responses=s.ToewijzingSerializer
    )
    @action(detail=True, methods=["post"])
    def beeindigen(self, request, pk=None):
        toewijzing = self.get_object()
        data = s.BeeindigenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        toewijzing = services.toewijzing_beeindigen(
            user=request.user, toewijzing=toewijzing, **data.validated_data
        )
        return Response(self._toewijzing(toewijzing))

    def _levering(self, request, service, input_serializer):
        toewijzing = self.get_object()
        data = input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        levering = service(
            user=request.user, toewijzing=toewijzing, **data.validated_data
        )
        return Response(
            s.LeveringSerializer(levering).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.StartInputSerializer, responses=s.LeveringSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Start zorg (WMO305)."""
        return self._levering(
            request, services.start_zorg_melden, s.StartInputSerializer
        )

    @extend_schema(request=s.StopInputSerializer, responses=s.LeveringSerializer)
    @action(detail=True, methods=["post"])
    def stop(self, request, pk=None):
        """Stop zorg (WMO307)."""
        return self._levering(request, services.stop_zorg_melden, s.StopInputSerializer)


class LeveringViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Start and stop zorg aanleveringen (WMO305/WMO307)."""

    selector = selectors.levering_list
    serializer_class = s.LeveringSerializer
    permission_classes = [HeeftRol]
    filterset_class = LeveringFilter
    ordering_fields = ["begindatum", "aangemaakt_op"]


class VerzoekViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Verzoeken om toewijzing (315) and wijziging (317), and their answers."""

    selector = selectors.verzoek_list
    serializer_class = s.VerzoekSerializer
    permission_classes = [HeeftRol]
    filterset_class = VerzoekFilter
    ordering_fields = ["ingediend_op", "status"]
    required_roles = {
        "honoreren": GEMEENTE,
        "afwijzen": GEMEENTE,
        "in_onderzoek": GEMEENTE,
    }

    def _antwoord(self, verzoek) -> Response:
        return Response(
            s.VerzoekSerializer(self.get_queryset().get(pk=verzoek.pk)).data
        )

    @extend_schema(request=None, responses=s.VerzoekSerializer)
    @action(detail=True, methods=["post"])
    def honoreren(self, request, pk=None):
        """Honour with a WMO301."""
        verzoek = self.get_object()
        services.verzoek_honoreren(user=request.user, verzoek=verzoek)
        return self._antwoord(verzoek)

    @extend_schema(request=s.AfwijzenInputSerializer, responses=s.VerzoekSerializer)
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        """Refuse with a WMO319 and a reden afwijzing."""
        verzoek = self.get_object()
        data = s.AfwijzenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verzoek = services.verzoek_afwijzen(
            user=request.user, verzoek=verzoek, **data.validated_data
        )
        return self._antwoord(verzoek)

    @extend_schema(request=None, responses=s.VerzoekSerializer)
    @action(detail=True, methods=["post"], url_path="in-onderzoek")
    def in_onderzoek(self, request, pk=None):
        """Answer with a WMO319: in onderzoek, a final answer follows."""
        verzoek = services.verzoek_in_onderzoek(
            user=request.user, verzoek=self.get_object()
        )
        return self._antwoord(verzoek)
