from django import forms
from django.contrib import admin

from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.formvelden import EuroField
from core.tabellen import VeiligCSV, VeiligXLSX
from core.templatetags.portaal import euro
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Regio,
    Tarief,
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
    formats = [VeiligCSV, VeiligXLSX]  # formulas neutralised (core/tabellen.py)
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
    fields = ["product", "btw_percentage", "tarieven"]
    readonly_fields = ["tarieven"]

    @admin.display(description="tarieven per periode")
    def tarieven(self, cp: ContractProduct) -> str:
        return "; ".join(str(t) for t in cp.tarieven.all()) or "–"


class ContractProductWidget(widgets.Widget):
    """The contract product of a tarief row: columns contract, categorie and code."""

    def clean(self, value, row=None, **kwargs):
        try:
            return ContractProduct.objects.get(
                contract__nummer=row["contract"],
                product__categorie=row["categorie"],
                product__code=value,
            )
        except ContractProduct.DoesNotExist as exc:
            raise ValueError(
                f"Product {row['categorie']}/{value} zit niet in contract {row['contract']}."
            ) from exc

    def render(self, value, obj=None, **kwargs):
        return value.product.code if value else ""


class TariefResource(resources.ModelResource):
    """Tarieven per contract as CSV/Excel, keyed on (contract, categorie, code,
    geldig_van): re-importing updates a period; an overlap is refused."""

    contract = fields.Field(
        column_name="contract",
        attribute="contractproduct__contract__nummer",
        readonly=True,
    )
    categorie = fields.Field(
        column_name="categorie",
        attribute="contractproduct__product__categorie",
        readonly=True,
    )
    contractproduct = fields.Field(
        column_name="code", attribute="contractproduct", widget=ContractProductWidget()
    )

    class Meta:
        model = Tarief
        import_id_fields = ["contractproduct", "geldig_van"]
        fields = [
            "contract",
            "categorie",
            "contractproduct",
            "geldig_van",
            "geldig_tot",
            "bedrag",
            "per_uur",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Tarief.objects.select_related(
            "contractproduct__contract", "contractproduct__product"
        )


class TariefForm(forms.ModelForm):
    """The tarief typed in euros with a comma (3,35), stored in eurocent."""

    bedrag = EuroField(
        label="Tarief (euro)",
        min_value=0,
        help_text="In euro's, bijvoorbeeld 63,50. Per eenheid van het product, of "
        "per uur als 'per uur' aan staat.",
    )

    class Meta:
        model = Tarief
        fields = ["contractproduct", "geldig_van", "geldig_tot", "bedrag", "per_uur"]


@admin.register(Tarief)
class TariefAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Tarieven per period; filter on a contract to export or import its tarieven."""

    form = TariefForm
    resource_classes = [TariefResource]
    formats = [VeiligCSV, VeiligXLSX]
    list_display = [
        "contractproduct",
        "geldig_van",
        "geldig_tot",
        "tarief",
        "per_uur",
    ]

    @admin.display(description="tarief", ordering="bedrag")
    def tarief(self, obj: Tarief) -> str:
        return euro(obj.bedrag)

    list_filter = ["contractproduct__contract"]
    list_select_related = ["contractproduct__contract", "contractproduct__product"]
    search_fields = [
        "contractproduct__contract__nummer",
        "contractproduct__product__code",
    ]
    ordering = ["contractproduct__contract__nummer", "contractproduct", "geldig_van"]


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
