from django.utils import timezone
from rest_framework import serializers

from stamgegevens.constants import WIJZIGBARE_VELDEN
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Tarief,
    Wijzigingsverzoek,
)


class GemeenteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeente
        fields = ["id", "code", "naam"]


class AanbiederSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aanbieder
        fields = [
            "id",
            "agb_code",
            "naam",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "btw_nummer",
            "kvk_nummer",
            "iban",
        ]


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = [
            "id",
            "categorie",
            "code",
            "omschrijving",
            "eenheid",
            "frequentie",
            "geldig_van",
            "geldig_tot",
            "status",
        ]


class TariefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tarief
        fields = ["geldig_van", "geldig_tot", "bedrag", "per_uur", "product_tarief"]


class ContractProductSerializer(serializers.ModelSerializer):
    product = ProductSerializer()
    tarief = serializers.SerializerMethodField(
        help_text="ProductTarief in eurocent per eenheid dat vandaag geldt (TR418)."
    )
    tarieven = TariefSerializer(many=True, read_only=True)

    class Meta:
        model = ContractProduct
        fields = ["product", "tarief", "tarieven", "btw_percentage"]

    def get_tarief(self, cp: ContractProduct) -> int | None:
        tarief = cp.tarief_op(timezone.localdate())
        return tarief.product_tarief if tarief else None


class ContractSerializer(serializers.ModelSerializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    regio = serializers.StringRelatedField()
    producten = ContractProductSerializer(
        source="contractproducten", many=True, read_only=True
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "nummer",
            "gemeente",
            "regio",
            "aanbieder",
            "begindatum",
            "einddatum",
            "uitvoeringsvariant",
            "producten",
        ]


class WijzigingsverzoekSerializer(serializers.ModelSerializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)

    class Meta:
        model = Wijzigingsverzoek
        fields = [
            "id",
            "aanbieder",
            "wijzigingen",
            "oude_waarden",
            "toelichting",
            "status",
            "ingangsdatum",
            "ingediend_op",
            "eerste_akkoord_op",
            "beoordeeld_op",
            "doorgevoerd_op",
            "reden",
        ]
        read_only_fields = fields


class WijzigingsverzoekInputSerializer(serializers.Serializer):
    wijzigingen = serializers.DictField(child=serializers.CharField(max_length=200))
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    ingangsdatum = serializers.DateField(required=False, allow_null=True, default=None)

    def validate_wijzigingen(self, value):
        onbekend = set(value) - set(WIJZIGBARE_VELDEN)
        if onbekend:
            raise serializers.ValidationError(
                f"Deze velden kunt u niet wijzigen: {', '.join(sorted(onbekend))}."
            )
        return value


class BeoordelingInputSerializer(serializers.Serializer):
    reden = serializers.CharField(required=False, allow_blank=True, default="")
