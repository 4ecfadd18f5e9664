from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from core.api.fields import GemaskeerdBsnField
from declaraties import selectors
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie

# Plain strings, not enums: "status" enums of other models would collide in the schema.
DECLARATIE_STATUS_HELP = "Een van: " + ", ".join(DeclaratieStatus.values) + "."
PRESTATIE_STATUS_HELP = "Een van: " + ", ".join(PrestatieStatus.values) + "."


class RetourcodeSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    tekst = serializers.CharField(read_only=True, help_text="Omschrijving (iWmo).")
    hint = serializers.CharField(read_only=True, help_text="Wat de aanbieder kan doen.")


def _retourcodes(codes: list[str]) -> list[dict]:
    """The codes with their Dutch text and a hint (no query)."""
    return RetourcodeSerializer(
        [selectors.retourcode(code) for code in codes], many=True
    ).data


class DeclaratieSerializer(serializers.ModelSerializer):
    """A declaratie with its totals (eurocent) and line counts; `bericht` is the
    WMO323, `antwoord` the WMO325."""

    url = serializers.HyperlinkedIdentityField(view_name="declaratie-detail")
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    status = serializers.CharField(read_only=True, help_text=DECLARATIE_STATUS_HELP)
    totaal_afgewezen = serializers.IntegerField(
        read_only=True,
        help_text="Som van de afgekeurde regels (eurocent, credit negatief).",
    )
    aantal_regels = serializers.IntegerField(read_only=True)
    aantal_goedgekeurd = serializers.IntegerField(read_only=True)
    aantal_afgekeurd = serializers.IntegerField(read_only=True)
    retourcodes = serializers.SerializerMethodField()
    bericht = serializers.HyperlinkedRelatedField(
        view_name="bericht-detail", read_only=True, help_text="De WMO323."
    )
    antwoord = serializers.HyperlinkedRelatedField(
        view_name="bericht-detail", read_only=True, help_text="De WMO325."
    )
    prestaties = serializers.SerializerMethodField()

    class Meta:
        model = Declaratie
        fields = [
            "id",
            "url",
            "declaratie_nummer",
            "periode_begin",
            "periode_eind",
            "dagtekening",
            "gemeente",
            "aanbieder",
            "status",
            "totaal_ingediend",
            "totaal_toegekend",
            "totaal_afgewezen",
            "aantal_regels",
            "aantal_goedgekeurd",
            "aantal_afgekeurd",
            "retourcodes",
            "antwoord_uiterlijk",
            "ingediend_op",
            "beantwoord_op",
            "bericht",
            "antwoord",
            "prestaties",
        ]
        read_only_fields = fields

    @extend_schema_field(RetourcodeSerializer(many=True))
    def get_retourcodes(self, declaratie: Declaratie) -> list[dict]:
        return _retourcodes(declaratie.retourcodes)

    def get_prestaties(self, declaratie: Declaratie) -> str:
        """The API list of its lines."""
        url = reverse("prestatie-list", request=self.context.get("request"))
        return f"{url}?declaratie={declaratie.pk}"


class PrestatieSerializer(serializers.ModelSerializer):
    """A line of a declaratie; amounts in eurocent, `bedrag` signed (credit
    negative). The BSN is always masked (*****1234)."""

    url = serializers.HyperlinkedIdentityField(view_name="prestatie-detail")
    declaratie_nummer = serializers.CharField(
        source="declaratie.declaratie_nummer", read_only=True
    )
    gemeente = serializers.CharField(source="declaratie.gemeente.code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    bsn = GemaskeerdBsnField()
    bedrag = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True, help_text=PRESTATIE_STATUS_HELP)
    retourcodes = serializers.SerializerMethodField()

    class Meta:
        model = Prestatie
        fields = [
            "id",
            "url",
            "declaratie",
            "declaratie_nummer",
            "gemeente",
            "aanbieder",
            "bsn",
            "toewijzing",
            "toewijzing_nummer",
            "product_referentie",
            "vorig_referentie_nummer",
            "debet_credit",
            "product_categorie",
            "product_code",
            "begindatum",
            "einddatum",
            "geleverd_volume",
            "eenheid",
            "product_tarief",
            "ingediend_bedrag",
            "bedrag",
            "status",
            "retourcodes",
            "start_ontbreekt",
        ]
        read_only_fields = fields

    @extend_schema_field(RetourcodeSerializer(many=True))
    def get_retourcodes(self, prestatie: Prestatie) -> list[dict]:
        return _retourcodes(prestatie.retourcodes)
