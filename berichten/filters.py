"""The message list filter, shared by the HTML list and the API."""

import django_filters
from django import forms

from berichten.constants import OMSCHRIJVING, BerichtStatus
from berichten.models import Bericht
from berichten.selectors import wacht_te_lang_q
from stamgegevens.models import Aanbieder, Gemeente

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BERICHTTYPE_CHOICES = [
    (code, f"{code} {tekst}") for code, tekst in OMSCHRIJVING.items()
]


def _partij_keuzes(model, veld: str):
    """Only the parties the user shares messages with, so nothing foreign leaks."""

    def queryset(request):
        berichten = Bericht.objects.visible_to(getattr(request, "user", None))
        return model.objects.filter(pk__in=berichten.values(veld))

    return queryset


class BerichtFilter(django_filters.FilterSet):
    geheime_velden = ("bsn",)  # never in a URL (core/zoeken.py)

    bericht_type = django_filters.ChoiceFilter(
        choices=BERICHTTYPE_CHOICES, label="Berichttype"
    )
    status = django_filters.ChoiceFilter(choices=BerichtStatus.choices)
    richting = django_filters.ChoiceFilter(
        choices=[("in", "Inkomend"), ("uit", "Uitgaand")],
        label="Richting",
        field_name="richting",  # annotated by selectors.bericht_list
    )
    van = django_filters.DateFilter(
        field_name="aangemaakt_op",
        lookup_expr="date__gte",
        label="Van",
        widget=DATUM,
    )
    tot = django_filters.DateFilter(
        field_name="aangemaakt_op",
        lookup_expr="date__lte",
        label="Tot en met",
        widget=DATUM,
    )
    wacht = django_filters.BooleanFilter(
        method="filter_wacht",
        label="Wacht te lang of vastgelopen",
        widget=forms.CheckboxInput,
    )
    bsn = django_filters.CharFilter(field_name="bsn", label="BSN cliënt")
    gemeente = django_filters.ModelChoiceFilter(
        queryset=_partij_keuzes(Gemeente, "gemeente"), label="Gemeente"
    )
    aanbieder = django_filters.ModelChoiceFilter(
        queryset=_partij_keuzes(Aanbieder, "aanbieder"), label="Aanbieder"
    )

    def filter_wacht(self, queryset, name, value):
        return queryset.filter(wacht_te_lang_q()) if value else queryset

    class Meta:
        model = Bericht
        fields = [
            "richting",
            "bericht_type",
            "status",
            "wacht",
            "van",
            "tot",
            "bsn",
            "gemeente",
            "aanbieder",
        ]
