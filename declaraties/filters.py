"""FilterSets of the declaraties screens; every choice list holds only the user's parties."""

import django_filters
from django.db.models import TextField
from django.db.models.functions import Cast

from core.lijstfilters import BsnFilter, ClientNaamFilter, DatumFilter, StrengFilterSet
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from stamgegevens.models import Aanbieder, Gemeente


def _partijen(model, veld: str):
    """The gemeenten or aanbieders of the declaraties the user may see."""

    def queryset(request):
        declaraties = Declaratie.objects.visible_to(getattr(request, "user", None))
        return model.objects.filter(pk__in=declaraties.values(veld))

    return queryset


def _periode(veld: str, lookup: str, label: str) -> DatumFilter:
    return DatumFilter(field_name=veld, lookup_expr=lookup, label=label)


class DeclaratieFilter(StrengFilterSet):
    van = _periode("periode_begin", "gte", "Periode vanaf")
    tot = _periode("periode_begin", "lte", "Periode tot en met")
    status = django_filters.ChoiceFilter(choices=DeclaratieStatus.choices)
    gemeente = django_filters.ModelChoiceFilter(
        queryset=_partijen(Gemeente, "gemeente"), label="Gemeente"
    )
    aanbieder = django_filters.ModelChoiceFilter(
        queryset=_partijen(Aanbieder, "aanbieder"), label="Aanbieder"
    )
    nummer = django_filters.CharFilter(
        field_name="declaratie_nummer", lookup_expr="icontains", label="Nummer"
    )

    class Meta:
        model = Declaratie
        fields = ["van", "tot", "status", "gemeente", "aanbieder", "nummer"]


class RegelFilter(StrengFilterSet):
    """Lines: the work list of rejected lines and the OP364 list."""

    # Never in a URL (core/zoeken.py): a BSN, nor a cliënt's name.
    geheime_velden = ("bsn", "naam")

    van = _periode("begindatum", "gte", "Productperiode vanaf")
    tot = _periode("begindatum", "lte", "Productperiode tot en met")
    naam = ClientNaamFilter()
    bsn = BsnFilter(field_name="bsn")
    product = django_filters.CharFilter(
        field_name="product_code", lookup_expr="iexact", label="Productcode"
    )
    retourcode = django_filters.CharFilter(
        method="filter_retourcode", label="Retourcode"
    )
    gemeente = django_filters.ModelChoiceFilter(
        field_name="declaratie__gemeente",
        queryset=_partijen(Gemeente, "gemeente"),
        label="Gemeente",
    )
    aanbieder = django_filters.ModelChoiceFilter(
        field_name="declaratie__aanbieder",
        queryset=_partijen(Aanbieder, "aanbieder"),
        label="Aanbieder",
    )
    status = django_filters.ChoiceFilter(choices=PrestatieStatus.choices)

    class Meta:
        model = Prestatie
        fields: list[str] = []

    def filter_retourcode(self, queryset, name, value):
        # The codes are a JSON list; its text form holds each code in quotes.
        return queryset.annotate(
            retourcodes_tekst=Cast("retourcodes", TextField())
        ).filter(retourcodes_tekst__contains=f'"{value.strip()}"')


# The columns the work list of rejected lines sorts on (page and export alike).
AFGEKEURD_SORTERING = {
    "client": ("client__achternaam", "bsn"),
    "product": ("product_categorie", "product_code"),
    "periode": "begindatum",
    "bedrag": "ingediend_bedrag",
    "declaratie": "declaratie__declaratie_nummer",
}


class AfgekeurdFilter(RegelFilter):
    """The work list of rejected lines: the aanbieder's own, or (read only, the
    drill-down of the rapportages) the gemeente's per aanbieder."""

    status = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated and user.is_aanbieder:
            del self.filters["aanbieder"]  # only its own lines anyway


class StartOntbreektFilter(RegelFilter):
    """OP364 lines for the gemeente's contractmanager."""

    gemeente = None
    retourcode = None


# --- the API ------------------------------------------------------------------------


class DeclaratieApiFilter(DeclaratieFilter):
    """The screen's filters and the exact DeclaratieNummer."""

    declaratie_nummer = django_filters.CharFilter(
        field_name="declaratie_nummer", label="Declaratienummer"
    )

    class Meta(DeclaratieFilter.Meta):
        fields = [*DeclaratieFilter.Meta.fields, "declaratie_nummer"]


class PrestatieFilter(RegelFilter):
    """The lines of the API: the screens' line filters and the declaratie (id)."""

    declaratie = django_filters.NumberFilter(
        field_name="declaratie_id", label="Declaratie (id)"
    )

    class Meta(RegelFilter.Meta):
        fields = ["declaratie"]
