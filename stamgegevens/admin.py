from django.contrib import admin

from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Regio,
    Wijzigingsverzoek,
)


class ProductResource(resources.ModelResource):
    """CSV/Excel rows keyed on (categorie, code, geldig_van): re-importing updates."""

    class Meta:
        model = Product
        import_id_fields = ["categorie", "code", "geldig_van"]
        fields = [
            "categorie",
            "code",
            "omschrijving",
            "eenheid",
            "frequentie",
            "geldig_van",
            "geldig_tot",
            "status",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


@admin.register(Product)
class ProductAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ProductResource]
    formats = [CSV, XLSX]
    list_display = [
        "categorie",
        "code",
        "omschrijving",
        "eenheid",
        "frequentie",
        "geldig_van",
        "geldig_tot",
        "status",
    ]
    list_filter = ["status", "categorie", "eenheid"]
    search_fields = ["code", "omschrijving"]
    ordering = ["categorie", "code", "geldig_van"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "declaraties_beoordelen"]
    list_filter = ["declaraties_beoordelen"]
    search_fields = ["code", "naam"]


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam"]
    filter_horizontal = ["gemeenten"]


@admin.register(Aanbieder)
class AanbiederAdmin(SimpleHistoryAdmin):
    list_display = ["agb_code", "naam", "plaats", "kvk_nummer"]
    search_fields = ["agb_code", "naam", "kvk_nummer"]


class ContractProductInline(admin.TabularInline):
    model = ContractProduct
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = [
        "nummer",
        "aanbieder",
        "gemeente",
        "regio",
        "begindatum",
        "einddatum",
        "uitvoeringsvariant",
    ]
    list_filter = ["uitvoeringsvariant"]
    search_fields = ["nummer", "aanbieder__naam", "aanbieder__agb_code"]
    inlines = [ContractProductInline]


@admin.register(Wijzigingsverzoek)
class WijzigingsverzoekAdmin(admin.ModelAdmin):
    list_display = ["aanbieder", "status", "ingediend_op", "beoordeeld_op"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Wijzigingsverzoek._meta.fields]
