from rest_framework import serializers
from rest_framework.reverse import reverse

from berichten import selectors
from berichten.constants import BerichtStatus
from berichten.models import Bericht

# A plain string, not an enum: "status" enums of other models would collide in the schema.
STATUS_HELP = "Een van: " + ", ".join(BerichtStatus.values) + "."

LIJST_VELDEN = [
    "id",
    "url",
    "bericht_type",
    "omschrijving",
    "afzender",
    "ontvanger",
    "gemeente",
    "aanbieder",
    "identificatie",
    "dagtekening",
    "bsn",
    "kanaal",
    "status",
    "aangemaakt_op",
    "verzonden_op",
    "retour_uiterlijk",
]


class BerichtSerializer(serializers.ModelSerializer):
    """A row of the message log; the BSN is masked (*****1234)."""

    url = serializers.HyperlinkedIdentityField(view_name="bericht-detail")
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    bsn = serializers.CharField(source="bsn_gemaskeerd", read_only=True)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)

    class Meta:
        model = Bericht
        fields = LIJST_VELDEN
        read_only_fields = fields


class BerichtKortSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="bericht-detail")
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)

    class Meta:
        model = Bericht
        fields = ["id", "url", "bericht_type", "status"]
        read_only_fields = fields


class BerichtDetailSerializer(BerichtSerializer):
    """One message in full: BSN, findings with retourcode texts, heen/retour links."""

    bsn = serializers.CharField(read_only=True)
    xml = serializers.SerializerMethodField()
    heenbericht = BerichtKortSerializer(read_only=True)
    retourberichten = BerichtKortSerializer(many=True, read_only=True)
    bevindingen = serializers.SerializerMethodField()
    retourcodes = serializers.SerializerMethodField()

    class Meta(BerichtSerializer.Meta):
        fields = [
            *LIJST_VELDEN,
            "xml",
            "bestandsnaam",
            "is_duplicaat",
            "foutmelding",
            "wachtreden",
            "verwerkt_op",
            "heenbericht",
            "retourberichten",
            "retourcodes",
            "bevindingen",
        ]
        read_only_fields = fields

    def get_xml(self, bericht: Bericht) -> str:
        return reverse(
            "bericht-xml", args=[bericht.pk], request=self.context.get("request")
        )

    def get_bevindingen(self, bericht: Bericht) -> list[dict]:
        return selectors.bevindingen(bericht)

    def get_retourcodes(self, bericht: Bericht) -> list[dict]:
        return selectors.retourcodes(bericht)


class OutboxSerializer(serializers.ModelSerializer):
    """A message waiting for the client's party, with its XML; `bevestigen` to confirm."""

    xml = serializers.SerializerMethodField(help_text="Het bericht (UTF-8 XML).")
    bevestigen = serializers.SerializerMethodField(
        help_text="POST hierheen als het bericht veilig is ontvangen."
    )
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)

    class Meta:
        model = Bericht
        fields = [
            "id",
            "bericht_type",
            "omschrijving",
            "afzender",
            "ontvanger",
            "identificatie",
            "dagtekening",
            "status",
            "aangemaakt_op",
            "verzonden_op",
            "xml",
            "bevestigen",
        ]
        read_only_fields = fields

    def get_xml(self, bericht: Bericht) -> str:
        return bericht.xml.decode("utf-8")

    def get_bevestigen(self, bericht: Bericht) -> str:
        return reverse(
            "outbox-ontvangen", args=[bericht.pk], request=self.context.get("request")
        )
