"""The dashboards' filters: GET parameters, so a dashboard's URL can be shared."""

import django_filters
from django.utils import timezone

from core import codelijsten
from rapportages.selectors import Keuze
from stamgegevens.models import Aanbieder, Contract, Gemeente
from toewijzingen.models import Toewijzing


def _aanbieders(request):
    contracten = Contract.objects.visible_to(getattr(request, "user", None))
    return Aanbieder.objects.filter(pk__in=contracten.values("aanbieder"))


def _gemeenten(request):
    toewijzingen = Toewijzing.objects.visible_to(getattr(request, "user", None))
    return Gemeente.objects.filter(pk__in=toewijzingen.values("gemeente"))


def _jaren(vandaag) -> list[tuple[str, str]]:
    return [(str(j), str(j)) for j in range(vandaag.year + 1, vandaag.year - 6, -1)]


class RapportageFilter(django_filters.FilterSet):
    """Year, the other party and the productcategorie. The figures come from the
    selectors (GROUP BY per source), so the filters give a `Keuze`, not a queryset."""

    jaar = django_filters.ChoiceFilter(
        choices=[], method="keuze_alleen", label="Jaar", empty_label=None
    )
    aanbieder = django_filters.ModelChoiceFilter(
        queryset=_aanbieders, method="keuze_alleen", label="Aanbieder"
    )
    gemeente = django_filters.ModelChoiceFilter(
        queryset=_gemeenten, method="keuze_alleen", label="Gemeente"
    )
    categorie = django_filters.ChoiceFilter(
        choices=codelijsten.choices(codelijsten.PRODUCTCATEGORIE),
        method="keuze_alleen",
        label="Productcategorie",
    )

    class Meta:
        model = Contract
        fields: list[str] = []

    def __init__(self, data=None, *args, request=None, vandaag=None, **kwargs):
        self.vandaag = vandaag or timezone.localdate()
        data = data.copy() if data is not None else {}
        data.setdefault("jaar", str(self.vandaag.year))
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["jaar"].extra["choices"] = _jaren(self.vandaag)
        user = getattr(request, "user", None)
        # The user's own party is no choice.
        if user is not None and user.is_gemeente:
            del self.filters["gemeente"]
        elif user is not None and user.is_aanbieder:
            del self.filters["aanbieder"]

    def keuze_alleen(self, queryset, name, value):
        return queryset

    def keuze(self) -> Keuze:
        """The valid choices; a wrong value falls back to no filter on it."""
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        jaar = data.get("jaar") or self.vandaag.year
        return Keuze(
            jaar=int(jaar),
            aanbieder=data.get("aanbieder"),
            gemeente=data.get("gemeente"),
            categorie=data.get("categorie") or "",
        )
