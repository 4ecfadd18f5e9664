from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from berichten import kanaal, selectors, services
from berichten.api import serializers as s
from berichten.constants import BerichtStatus, Kanaal
from berichten.filters import BerichtFilter
from berichten.models import Bericht
from berichten.views import bericht_inzage_loggen, xml_download
from berichten.xml.parser import MAX_BYTES
from core.api.authentication import MachineSleutelAuthentication
from core.api.permissions import HeeftRol
from core.constants import Rol
from core.exceptions import ApplicationError


class XmlBytesParser(BaseParser):
    """The request body as raw bytes, at most MAX_BYTES (+1 to detect more)."""

    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        try:
            return stream.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ParseError("Het bericht kon niet worden gelezen.") from exc


class TextXmlBytesParser(XmlBytesParser):
    media_type = "text/xml"


class XmlRenderer(BaseRenderer):
    """Lets clients ask for application/xml; errors still go out as JSON."""

    media_type = "application/xml"
    format = "xml"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


def _inhoud(request) -> bytes:
    """The posted XML, or a Dutch 400 for an empty or oversized body."""
    grens = f"{MAX_BYTES // 1024 // 1024} MB"
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if lengte > MAX_BYTES:
        raise ApplicationError(f"Het bericht is groter dan {grens}.", code="te_groot")
    inhoud = request.data if isinstance(request.data, bytes) else b""
    if len(inhoud) > MAX_BYTES:
        raise ApplicationError(f"Het bericht is groter dan {grens}.", code="te_groot")
    if not inhoud.strip():
        raise ApplicationError(
            "Het bericht is leeg; stuur de XML als body met Content-Type "
            "application/xml.",
            code="leeg",
        )
    return inhoud


class BerichtViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The message log of the user's party; POST a raw iWmo XML body to send one in."""

    # A machine client (API key) posts as its party's technical user.
    authentication_classes = [SessionAuthentication, MachineSleutelAuthentication]
    permission_classes = [HeeftRol]
    parser_classes = [XmlBytesParser, TextXmlBytesParser]
    filterset_class = BerichtFilter
    ordering_fields = ["aangemaakt_op", "bericht_type", "status"]
    required_roles = {"create": {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER}}

    def get_queryset(self):
        if self.action == "list":
            return selectors.bericht_list(user=self.request.user)
        return selectors.bericht_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "list":
            return s.BerichtSerializer
        return s.BerichtDetailSerializer

    def retrieve(self, request, *args, **kwargs):
        """One message in full (its BSN and XML); the view is logged."""
        bericht = self.get_object()
        bericht_inzage_loggen(request, bericht)
        return Response(self.get_serializer(bericht).data)

    @extend_schema(
        request={"application/xml": OpenApiTypes.BINARY},
        parameters=[
            OpenApiParameter(
                "namens",
                str,
                description=(
                    "Alleen voor een beheerder, verplicht: de partij die het bericht "
                    "verstuurt (gemeente:0059 of aanbieder:98765432)."
                ),
            )
        ],
        responses={201: s.BerichtDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        namens = kanaal.insturende_partij(
            request.user, request.query_params.get("namens", "")
        )
        inhoud = _inhoud(request)
        bericht = services.bericht_ontvangen(
            inhoud=inhoud, kanaal=Kanaal.API, namens=namens, user=request.user
        )
        data = s.BerichtDetailSerializer(bericht, context={"request": request}).data
        if bericht.status == BerichtStatus.GEWEIGERD:
            raise ApplicationError(
                f"Het bericht is geweigerd: {bericht.foutmelding}",
                code="geweigerd",
                extra={"bericht": {"id": bericht.pk, "url": data["url"]}},
            )
        bericht_inzage_loggen(request, bericht)  # the answer shows its BSNs in full
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/xml"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, XmlRenderer])
    def xml(self, request, pk=None):
        bericht = self.get_object()
        bericht_inzage_loggen(request, bericht)
        return xml_download(bericht)


class OutboxPaginering(PageNumberPagination):
    page_size = 10  # each item carries its XML (up to 25 MB)


@extend_schema(tags=["outbox"])
class OutboxViewSet(viewsets.ReadOnlyModelViewSet):
    """Messages to the client's party that wait until it confirms them.

    A machine client (API key) fetches `GET /api/outbox/`, stores each message and
    confirms it with `POST /api/outbox/{id}/ontvangen/`. Until then it is returned
    on every fetch; it is never handed to another party.
    """

    authentication_classes = [SessionAuthentication, MachineSleutelAuthentication]
    permission_classes = [HeeftRol]
    serializer_class = s.OutboxSerializer
    pagination_class = OutboxPaginering
    ordering_fields = ["id", "aangemaakt_op"]  # oldest first unless asked
    # A beheerder's outbox is empty: messages are addressed to parties.
    required_roles = {"ontvangen": {Rol.GEMEENTE, Rol.AANBIEDER}}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Bericht.objects.none()
        if self.action == "ontvangen":
            return selectors.outbox_bevestigbaar(user=self.request.user)
        return selectors.outbox(user=self.request.user)

    @extend_schema(request=None, responses={200: s.OutboxSerializer})
    @action(detail=True, methods=["post"])
    def ontvangen(self, request, pk=None):
        try:
            bericht = services.bericht_ontvangst_bevestigen(
                user=request.user, bericht_id=int(pk)
            )
        except (Bericht.DoesNotExist, ValueError):
            raise NotFound("Dit bericht staat niet in uw outbox.") from None
        data = s.OutboxSerializer(bericht, context={"request": request}).data
        return Response(data)
