"""FilterSets shared by the HTML lists and the API, so both filter alike.

They run on the scoped selectors (toewijzingen.selectors); the choices of the
party filters are scoped to the user as well.
"""

import django_filters
from django.db.models import Q

from stamgegevens.models import Aanbieder, Gemeente, Product
from toewijzingen.constants import (
    VERZOEK_ONDERHANDEN,
    LeveringSoort,
    ToewijzingStatus,
    VerzoekSoort,
    VerzoekStatus,
)
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek
from toewijzingen.selectors import status_q


def _aanbieders(request):
    return Aanbieder.objects.visible_to(request.user).order_by("naam")


def _gemeenten(request):
    return Gemeente.objects.visible_to(request.user).order_by("naam")


class PartijFilter(django_filters.FilterSet):
    geheime_velden = ("bsn",)  # never in a URL (core/zoeken.py)

    aanbieder = django_filters.ModelChoiceFilter(
        queryset=_aanbieders, label="Aanbieder"
    )
    gemeente = django_filters.ModelChoiceFilter(queryset=_gemeenten, label="Gemeente")
    client = django_filters.NumberFilter(field_name="client_id", label="Cliënt (id)")
    bsn = django_filters.CharFilter(field_name="client__bsn", label="BSN")


class ClientFilter(django_filters.FilterSet):
    geheime_velden = ("zoek",)  # may be a BSN: never in a URL (core/zoeken.py)

    zoek = django_filters.CharFilter(method="filter_zoek", label="BSN of achternaam")

    class Meta:
        model = Client
        fields = ["zoek"]

    def filter_zoek(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(bsn=value) | Q(achternaam__icontains=value))


class ToewijzingFilter(PartijFilter):
    status = django_filters.ChoiceFilter(
        choices=ToewijzingStatus.choices, label="Status", method="filter_status"
    )
    product = django_filters.ModelChoiceFilter(
        queryset=Product.objects.order_by("code"), label="Product"
    )
    van = django_filters.DateFilter(method="filter_van", label="Loopt op of na")
    tot = django_filters.DateFilter(method="filter_tot", label="Begint op of voor")

    class Meta:
        model = Toewijzing
        fields = ["status", "product", "aanbieder", "gemeente", "van", "tot"]

    def filter_status(self, queryset, name, value):
        # The status is computed per row; status_q tests its columns first.
        return queryset.filter(status_q(value))

    def filter_van(self, queryset, name, value):
        return queryset.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=value))

    def filter_tot(self, queryset, name, value):
        return queryset.filter(ingangsdatum__lte=value)


class VerzoekFilter(PartijFilter):
    status = django_filters.ChoiceFilter(choices=VerzoekStatus.choices)
    soort = django_filters.ChoiceFilter(choices=VerzoekSoort.choices)
    open = django_filters.BooleanFilter(method="filter_open", label="Onderhanden")

    class Meta:
        model = Verzoek
        fields = ["status", "soort", "open", "aanbieder", "gemeente"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        onderhanden = Q(status__in=VERZOEK_ONDERHANDEN)
        return queryset.filter(onderhanden if value else ~onderhanden)


class LeveringFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(choices=LeveringSoort.choices)
    toewijzing = django_filters.NumberFilter(field_name="toewijzing_id")

    class Meta:
        model = Levering
        fields = ["soort", "toewijzing", "status_aanlevering"]
