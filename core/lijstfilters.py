"""Filters the lists share: dates as date inputs that refuse a non-date with a
clear error (not silently ignored), a yes/no choice whose empty choice reads "Alle",
and the search on a cliënt's name or on (the last 4 digits of) a BSN."""

import django_filters
from django import forms
from django.db.models import Q

from core.formvelden import DATUM_FOUT, DATUM_INVOER, datum_widget

BSN_FOUT = "Vul het hele BSN (9 cijfers) of de laatste 4 cijfers in."


class DatumFilter(django_filters.DateFilter):
    """A date filter as `<input type="date">`; 'gisteren' is an error the list shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", datum_widget())
        kwargs.setdefault("input_formats", DATUM_INVOER)
        kwargs.setdefault("error_messages", {"invalid": DATUM_FOUT})
        super().__init__(*args, **kwargs)


class JaNeeAlle(forms.Select):
    """A yes/no filter whose empty choice is "Alle" (Django's NullBooleanSelect
    would call it "Onbekend")."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs, choices=[("", "Alle"), ("true", "Ja"), ("false", "Nee")]
        )

    def value_from_datadict(self, data, files, name):
        waarde = str(data.get(name, "")).lower()
        return {"true": True, "1": True, "false": False, "0": False}.get(waarde)

    def format_value(self, value):
        return {True: ["true"], False: ["false"]}.get(value, [""])


def bsn_q(waarde: str, veld: str = "bsn") -> Q:
    """A whole BSN (9 digits) or its last 4 digits, as the lists show them."""
    waarde = waarde.strip()
    if len(waarde) == 4:
        return Q(**{f"{veld}__endswith": waarde})
    return Q(**{veld: waarde})


class BsnFilter(django_filters.CharFilter):
    """The whole BSN or its last 4 digits; a secret field (core/zoeken.py), so it
    never goes in a URL."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "BSN of laatste 4 cijfers")
        kwargs.setdefault("validators", [bsn_of_laatste_vier])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(bsn_q(value, self.field_name))


def bsn_of_laatste_vier(waarde: str) -> None:
    waarde = (waarde or "").strip()
    if waarde and not (waarde.isdigit() and len(waarde) in (4, 9)):
        raise forms.ValidationError(BSN_FOUT, code="bsn")


def naam_q(waarde: str, prefix: str = "") -> Q:
    """Every word in the achternaam, voorvoegsel or voorletters ('jan de vries')."""
    q = Q()
    for woord in waarde.split():
        q &= (
            Q(**{f"{prefix}achternaam__icontains": woord})
            | Q(**{f"{prefix}voorvoegsel__iexact": woord})
            | Q(**{f"{prefix}voorletters__icontains": woord.rstrip(".")})
        )
    return q


class ClientNaamFilter(django_filters.CharFilter):
    """Search on the cliënt's name (`prefix`: the path to the cliënt, 'client__')."""

    def __init__(self, *args, prefix: str = "client__", **kwargs):
        self.prefix = prefix
        kwargs.setdefault("label", "Naam cliënt")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        return qs.filter(naam_q(value, self.prefix))


class StrengFilterSet(django_filters.FilterSet):
    """A FilterSet whose invalid input ('gisteren' as a date, a BSN of 3 digits)
    shows no rows, with the error at the filter, instead of quietly leaving that
    filter out (and showing rows the user did not ask for)."""

    @property
    def qs(self):
        if self.is_bound and not self.form.is_valid():
            return self.queryset.none()
        return super().qs
