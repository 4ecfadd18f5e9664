from django.contrib import admin

from core.privacy import BsnInzageAdminMixin
from core.zoeken import BsnZoekenAdminMixin
from declaraties.models import Declaratie, Prestatie


class PrestatieInline(admin.TabularInline):
    model = Prestatie
    extra = 0
    fields = [
        "product_referentie",
        "debet_credit",
        "bsn",
        "toewijzing_nummer",
        "product_categorie",
        "product_code",
        "begindatum",
        "einddatum",
        "geleverd_volume",
        "eenheid",
        "product_tarief",
        "ingediend_bedrag",
        "status",
        "retourcodes",
        "start_ontbreekt",
    ]
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Declaratie)
class DeclaratieAdmin(BsnInzageAdminMixin, admin.ModelAdmin):
    """Its lines show their BSNs in full: every view of the page is logged."""

    list_display = [
        "declaratie_nummer",
        "aanbieder",
        "gemeente",
        "periode_begin",
        "status",
        "totaal_ingediend",
        "totaal_toegekend",
        "antwoord_uiterlijk",
    ]
    list_filter = ["status", "gemeente"]
    search_fields = ["declaratie_nummer", "aanbieder__naam", "aanbieder__agb_code"]
    raw_id_fields = ["aanbieder", "gemeente", "bericht", "antwoord", "aangemaakt_door"]
    date_hierarchy = "periode_begin"
    inlines = [PrestatieInline]

    def bsns_van(self, declaratie: Declaratie):
        return declaratie.prestaties.values_list("bsn", flat=True)


@admin.register(Prestatie)
class PrestatieAdmin(BsnZoekenAdminMixin, BsnInzageAdminMixin, admin.ModelAdmin):
    list_display = [
        "product_referentie",
        "declaratie",
        "debet_credit",
        "toewijzing_nummer",
        "begindatum",
        "ingediend_bedrag",
        "status",
        "start_ontbreekt",
    ]
    list_filter = ["status", "debet_credit", "start_ontbreekt"]
    search_fields = ["product_referentie", "bsn", "declaratie__declaratie_nummer"]
    raw_id_fields = [
        "declaratie",
        "aanbieder",
        "client",
        "toewijzing",
        "vorig_referentie",
    ]
