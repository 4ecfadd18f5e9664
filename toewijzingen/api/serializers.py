from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import GemaskeerdBsnField
from stamgegevens.models import Aanbieder, Product
from toewijzingen.constants import (
    EENHEID_CHOICES,
    FREQUENTIE_CHOICES,
    Prijsvorm,
    StatusAanlevering,
)
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek, VerzoekProduct

OMVANG = ["volume", "eenheid", "frequentie", "budget"]


class ClientSerializer(serializers.ModelSerializer):
    """Lists: BSN masked. The detail endpoint sends it in full (and logs that)."""

    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    bsn = GemaskeerdBsnField()
    naam = serializers.CharField(read_only=True)

    class Meta:
        model = Client
        fields = [
            "id",
            "gemeente",
            "bsn",
            "naam",
            "geboortedatum",
            "geslacht",
            "achternaam",
            "voorvoegsel",
            "voorletters",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
        ]
        read_only_fields = fields


class ClientDetailSerializer(ClientSerializer):
    bsn = serializers.CharField(read_only=True)


class ToewijzingSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    client_bsn = GemaskeerdBsnField(source="client.bsn")
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    product_id = serializers.IntegerField(read_only=True)
    contract = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    status = serializers.CharField(read_only=True)
    retour_retourcodes = serializers.JSONField(read_only=True)

    class Meta:
        model = Toewijzing
        fields = [
            "id",
            "toewijzing_nummer",
            "gemeente",
            "aanbieder",
            "client",
            "client_bsn",
            "product",
            "product_id",
            "contract",
            "referentie_aanbieder",
            "toewijzingsdatum",
            "toewijzingstijd",
            "ingangsdatum",
            "einddatum",
            *OMVANG,
            "reden_wijziging",
            "commentaar",
            "beeindigd_op",
            "status",
            "bericht",
            "retour_retourcodes",
        ]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A reference to a row the requesting user may see."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)


class ToewijzingInputSerializer(serializers.Serializer):
    client = ScopedPrimaryKeyField(Client)
    aanbieder = ScopedPrimaryKeyField(Aanbieder)
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    ingangsdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    prijsvorm = serializers.ChoiceField(
        choices=Prijsvorm.choices, required=False, allow_blank=True, default=""
    )
    bedrag = serializers.IntegerField(required=False, allow_null=True, default=None)
    volume = serializers.IntegerField(required=False, allow_null=True, default=None)
    eenheid = serializers.ChoiceField(
        choices=EENHEID_CHOICES, required=False, allow_blank=True, default=""
    )
    frequentie = serializers.ChoiceField(
        choices=FREQUENTIE_CHOICES, required=False, allow_blank=True, default=""
    )
    budget = serializers.IntegerField(required=False, allow_null=True, default=None)
    commentaar = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=1000
    )


class BeeindigenInputSerializer(serializers.Serializer):
    # The code is checked by the service, with the same Dutch reason as the form.
    reden_wijziging = serializers.CharField(max_length=2, allow_blank=True, default="")


class LeveringSerializer(serializers.ModelSerializer):
    class Meta:
        model = Levering
        fields = [
            "id",
            "toewijzing",
            "soort",
            "begindatum",
            "einddatum",
            "reden_beeindiging",
            "status_aanlevering",
            "vervallen",
            "bericht",
            "aangemaakt_op",
        ]
        read_only_fields = fields


STATUS_AANLEVERING = [StatusAanlevering.EERSTE, StatusAanlevering.VERWIJDEREN]


class StartInputSerializer(serializers.Serializer):
    begindatum = serializers.DateField()
    status_aanlevering = serializers.ChoiceField(
        choices=STATUS_AANLEVERING, default=StatusAanlevering.EERSTE
    )


class StopInputSerializer(StartInputSerializer):
    einddatum = serializers.DateField()
    # The code is checked by the service, with the same Dutch reason as the form.
    reden_beeindiging = serializers.CharField(
        max_length=2, allow_blank=True, default=""
    )


class VerzoekProductSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = VerzoekProduct
        fields = [
            "soort",
            "toewijzing",
            "product",
            "ingangsdatum",
            "einddatum",
            *OMVANG,
        ]
        read_only_fields = fields


class VerzoekSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    client_bsn = GemaskeerdBsnField(source="client.bsn")
    producten = VerzoekProductSerializer(many=True, read_only=True)

    class Meta:
        model = Verzoek
        fields = [
            "id",
            "soort",
            "gemeente",
            "aanbieder",
            "client",
            "client_bsn",
            "referentie_aanbieder",
            "reden_verzoek",
            "commentaar",
            "opgegeven_client",
            "status",
            "reden_afwijzing",
            "bericht",
            "antwoord_bericht",
            "ingediend_op",
            "beantwoord_op",
            "producten",
        ]
        read_only_fields = fields


class AfwijzenInputSerializer(serializers.Serializer):
    # The code is checked by the service, with the same Dutch reason as the form.
    reden_afwijzing = serializers.CharField(max_length=2, allow_blank=True, default="")
