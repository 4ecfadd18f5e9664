from django.contrib import admin
from django.utils.html import format_html

from berichten.models import Bericht
from berichten.selectors import bsns
from core.privacy import BsnInzageAdminMixin
from core.zoeken import BsnZoekenAdminMixin


@admin.register(Bericht)
class BerichtAdmin(BsnZoekenAdminMixin, BsnInzageAdminMixin, admin.ModelAdmin):
    """Read-only: messages change only through the processing, never by hand."""

    list_display = [
        "id",
        "bericht_type",
        "identificatie",
        "afzender",
        "ontvanger",
        "status",
        "kanaal",
        "aangemaakt_op",
    ]
    list_filter = ["status", "bericht_type", "kanaal", "is_duplicaat"]
    search_fields = ["identificatie", "afzender", "ontvanger", "bsn", "bestandsnaam"]
    list_select_related = ["gemeente", "aanbieder"]
    date_hierarchy = "aangemaakt_op"
    readonly_fields = [f.name for f in Bericht._meta.fields if f.name != "inhoud"] + [
        "xml_inhoud"
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("inhoud")

    def bsns_van(self, bericht: Bericht) -> set[str]:
        return bsns(bericht)

    @admin.display(description="inhoud (XML)")
    def xml_inhoud(self, bericht: Bericht) -> str:
        return format_html(
            '<pre class="xml">{}</pre>', bericht.xml.decode("utf-8", errors="replace")
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
