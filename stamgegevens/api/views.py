from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.mixins import ScopedQuerysetMixin
from core.api.permissions import HeeftRol
from core.constants import Rol
from stamgegevens import services
from stamgegevens.api import serializers as s
from stamgegevens.filters import (
    AanbiederFilter,
    ContractFilter,
    ProductFilter,
    WijzigingsverzoekFilter,
)
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Wijzigingsverzoek,
)


class GemeenteViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset_base = Gemeente.objects
    serializer_class = s.GemeenteSerializer
    permission_classes = [HeeftRol]
    filterset_fields = ["code"]
    ordering_fields = ["code", "naam"]


class AanbiederViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset_base = Aanbieder.objects
    serializer_class = s.AanbiederSerializer
    permission_classes = [HeeftRol]
    filterset_class = AanbiederFilter
    ordering_fields = ["naam", "agb_code"]


class ProductViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset_base = Product.objects
    serializer_class = s.ProductSerializer
    permission_classes = [HeeftRol]
    filterset_class = ProductFilter
    ordering_fields = ["categorie", "code", "geldig_van"]


class ContractViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset_base = Contract.objects
    serializer_class = s.ContractSerializer
    permission_classes = [HeeftRol]
    filterset_class = ContractFilter
    ordering_fields = ["nummer", "begindatum"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("aanbieder", "gemeente", "regio")
            .prefetch_related(
                Prefetch(
                    "contractproducten",
                    queryset=ContractProduct.objects.select_related(
                        "product"
                    ).prefetch_related("tarieven"),
                )
            )
        )


class WijzigingsverzoekViewSet(
    ScopedQuerysetMixin,
    mixins.CreateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    queryset_base = Wijzigingsverzoek.objects
    serializer_class = s.WijzigingsverzoekSerializer
    permission_classes = [HeeftRol]
    filterset_class = WijzigingsverzoekFilter
    ordering_fields = ["ingediend_op", "status"]
    required_roles = {
        "create": {Rol.AANBIEDER},
        "goedkeuren": {Rol.GEMEENTE, Rol.BEHEERDER},
        "afwijzen": {Rol.GEMEENTE, Rol.BEHEERDER},
    }

    def get_queryset(self):
        return super().get_queryset().select_related("aanbieder")

    @extend_schema(
        request=s.WijzigingsverzoekInputSerializer,
        responses=s.WijzigingsverzoekSerializer,
    )
    def create(self, request, *args, **kwargs):
        data = s.WijzigingsverzoekInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verzoek = services.wijzigingsverzoek_indienen(
            user=request.user,
            aanbieder=request.user.aanbieder,
            wijzigingen=data.validated_data["wijzigingen"],
            toelichting=data.validated_data["toelichting"],
            ingangsdatum=data.validated_data["ingangsdatum"],
        )
        return Response(
            s.WijzigingsverzoekSerializer(verzoek).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.BeoordelingInputSerializer, responses=s.WijzigingsverzoekSerializer
    )
    @action(detail=True, methods=["post"])
    def goedkeuren(self, request, pk=None):
        data = s.BeoordelingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verzoek = self.get_object()
        services.wijzigingsverzoek_goedkeuren(
            user=request.user, verzoek=verzoek, reden=data.validated_data["reden"]
        )
        verzoek.refresh_from_db()
        return Response(s.WijzigingsverzoekSerializer(verzoek).data)

    @extend_schema(
        request=s.BeoordelingInputSerializer, responses=s.WijzigingsverzoekSerializer
    )
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        data = s.BeoordelingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verzoek = services.wijzigingsverzoek_afwijzen(
            user=request.user,
            verzoek=self.get_object(),
            reden=data.validated_data["reden"],
        )
        return Response(s.WijzigingsverzoekSerializer(verzoek).data)
