from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from core.privacy import BsnInzageAdminMixin, mask_bsn
from core.zoeken import BsnZoekenAdminMixin
from toewijzingen.models import (
    Client,
    Levering,
    Signaal,
    Toewijzing,
    Verzoek,
    VerzoekProduct,
)


@admin.register(Client)
class ClientAdmin(BsnZoekenAdminMixin, BsnInzageAdminMixin, admin.ModelAdmin):
    """The list masks the BSN; the change page shows it and logs the view."""

    list_display = [
        "bsn_gemaskeerd",
        "achternaam",
        "voorletters",
        "geboortedatum",
        "gemeente",
    ]
    list_filter = ["gemeente"]
    search_fields = ["bsn", "achternaam"]

    @admin.display(description="BSN", ordering="bsn")
    def bsn_gemaskeerd(self, client: Client) -> str:
        return mask_bsn(client.bsn)


class LeveringInline(admin.TabularInline):
    model = Levering
    extra = 0
    raw_id_fields = ["bericht"]


@admin.register(Toewijzing)
class ToewijzingAdmin(BsnZoekenAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "toewijzing_nummer",
        "client",
        "aanbieder",
        "product",
        "ingangsdatum",
        "einddatum",
        "reden_wijziging",
    ]
    list_filter = ["gemeente", "aanbieder"]
    search_fields = ["toewijzing_nummer", "client__bsn", "client__achternaam"]
    list_select_related = ["client", "aanbieder", "product"]
    raw_id_fields = ["client", "contract", "bericht"]
    inlines = [LeveringInline]


class VerzoekProductInline(admin.TabularInline):
    model = VerzoekProduct
    extra = 0
    raw_id_fields = ["toewijzing"]


@admin.register(Verzoek)
class VerzoekAdmin(BsnZoekenAdminMixin, admin.ModelAdmin):
    list_display = [
        "referentie_aanbieder",
        "soort",
        "client",
        "aanbieder",
        "status",
        "ingediend_op",
    ]
    list_filter = ["soort", "status", "gemeente"]
    search_fields = ["referentie_aanbieder", "client__bsn"]
    list_select_related = ["client", "aanbieder"]
    raw_id_fields = ["client", "bericht", "antwoord_bericht"]
    inlines = [VerzoekProductInline]


@admin.register(Signaal)
class SignaalAdmin(admin.ModelAdmin):
    """Stored deadline signals: readable, kept in step by `signalen_vastleggen`."""

    list_display = ["soort", "titel", "gemeente", "aanbieder", "uiterlijk", "status"]
    list_filter = ["soort", "status"]
    search_fields = ["titel"]
    list_select_related = ["gemeente", "aanbieder"]
    readonly_fields = [f.name for f in Signaal._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
