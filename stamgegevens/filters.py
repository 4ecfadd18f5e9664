"""FilterSets shared by the HTML lists and the API, so both filter alike."""

import django_filters
from django.db.models import Q

from core.lijstfilters import DatumFilter, StrengFilterSet
from stamgegevens import keuzes
from stamgegevens.constants import (
    WIJZIGING_OPEN,
    ProductStatus,
    Uitvoeringsvariant,
    WijzigingStatus,
)
from stamgegevens.models import Aanbieder, Contract, Product, Wijzigingsverzoek


class ProductFilter(StrengFilterSet):
    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoeken")
    status = django_filters.ChoiceFilter(choices=ProductStatus.choices)
    geldig_op = DatumFilter(method="filter_geldig_op", label="Geldig op")

    class Meta:
        model = Product
        fields = ["categorie", "eenheid", "status"]

    def filter_zoek(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(omschrijving__icontains=value)
        )

    def filter_geldig_op(self, queryset, name, value):
        return queryset.filter(geldig_van__lte=value).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=value)
        )


class AanbiederFilter(StrengFilterSet):
    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoeken")

    class Meta:
        model = Aanbieder
        fields = ["agb_code", "plaats"]

    def filter_zoek(self, queryset, name, value):
        return queryset.filter(
            Q(naam__icontains=value)
            | Q(agb_code__startswith=value)
            | Q(plaats__icontains=value)
        )


class ContractFilter(StrengFilterSet):
    uitvoeringsvariant = django_filters.ChoiceFilter(choices=Uitvoeringsvariant.choices)
    aanbieder = django_filters.ModelChoiceFilter(queryset=keuzes.aanbieders)
    gemeente = django_filters.ModelChoiceFilter(queryset=keuzes.gemeenten)
    regio = django_filters.ModelChoiceFilter(queryset=keuzes.regios)
    geldig_op = DatumFilter(method="filter_geldig_op", label="Geldig op")

    class Meta:
        model = Contract
        fields = ["aanbieder", "gemeente", "regio", "uitvoeringsvariant"]

    def filter_geldig_op(self, queryset, name, value):
        return queryset.filter(begindatum__lte=value).filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=value)
        )


class WijzigingsverzoekFilter(StrengFilterSet):
    status = django_filters.ChoiceFilter(
        choices=[("open", "Open (nog te beoordelen)"), *WijzigingStatus.choices],
        method="filter_status",
    )
    aanbieder = django_filters.ModelChoiceFilter(queryset=keuzes.aanbieders)

    class Meta:
        model = Wijzigingsverzoek
        fields = ["status", "aanbieder"]

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=WIJZIGING_OPEN)
        return queryset.filter(status=value)
