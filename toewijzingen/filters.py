"""FilterSets shared by the HTML lists and the API, so both filter alike.

They run on the scoped selectors (toewijzingen.selectors); the choices of the
party filters are scoped to the user as well.
"""

import django_filters
from django import forms
from django.db.models import Q

from core.lijstfilters import (
    BsnFilter,
    ClientNaamFilter,
    DatumFilter,
    JaNeeAlle,
    StrengFilterSet,
    bsn_of_laatste_vier,
    bsn_q,
    naam_q,
)
from stamgegevens import keuzes
from toewijzingen.constants import (
    VERZOEK_ONDERHANDEN,
    LeveringSoort,
    ToewijzingStatus,
    VerzoekSoort,
    VerzoekStatus,
)
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek
from toewijzingen.selectors import status_q


def _cijfers_als_bsn(waarde: str) -> None:
    """Digits are a BSN: whole (9) or its last 4."""
    if (waarde or "").strip().isdigit():
        bsn_of_laatste_vier(waarde)


class PartijFilter(StrengFilterSet):
    # Never in a URL (core/zoeken.py): a BSN, nor a cliënt's name.
    geheime_velden = ("bsn", "naam")

    aanbieder = django_filters.ModelChoiceFilter(
        queryset=keuzes.aanbieders, label="Aanbieder"
    )
    gemeente = django_filters.ModelChoiceFilter(
        queryset=keuzes.gemeenten, label="Gemeente"
    )
    naam = ClientNaamFilter()
    bsn = BsnFilter(field_name="client__bsn")
    # The API's filter on one cliënt; the screens search on name or BSN instead.
    client = django_filters.NumberFilter(
        field_name="client_id", label="Cliënt", widget=forms.HiddenInput
    )


class ClientFilter(StrengFilterSet):
    geheime_velden = ("zoek",)  # may be a BSN: never in a URL (core/zoeken.py)

    zoek = django_filters.CharFilter(
        method="filter_zoek",
        label="Naam, BSN of laatste 4 cijfers BSN",
        validators=[_cijfers_als_bsn],
    )

    class Meta:
        model = Client
        fields = ["zoek"]

    def filter_zoek(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(bsn_q(value))
        return queryset.filter(naam_q(value))


class ToewijzingFilter(PartijFilter):
    status = django_filters.ChoiceFilter(
        choices=ToewijzingStatus.choices, label="Status", method="filter_status"
    )
    product = django_filters.ModelChoiceFilter(
        queryset=keuzes.producten, label="Product"
    )
    van = DatumFilter(method="filter_van", label="Loopt op of na")
    tot = DatumFilter(method="filter_tot", label="Begint op of voor")

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
    open = django_filters.BooleanFilter(
        method="filter_open", label="Onderhanden", widget=JaNeeAlle
    )

    class Meta:
        model = Verzoek
        fields = ["status", "soort", "open", "aanbieder", "gemeente"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        onderhanden = Q(status__in=VERZOEK_ONDERHANDEN)
        return queryset.filter(onderhanden if value else ~onderhanden)


class LeveringFilter(StrengFilterSet):
    soort = django_filters.ChoiceFilter(choices=LeveringSoort.choices)
    toewijzing = django_filters.NumberFilter(field_name="toewijzing_id")

    class Meta:
        model = Levering
        fields = ["soort", "toewijzing", "status_aanlevering"]
