"""The export of a main list (toewijzingen, cliënten, berichten) as a background job.

The list's page posts (with its CSRF token) to the list's export URL with its
current filter and sortering in the query string; `LijstExportView` starts a job
(core.taken) that rebuilds the same list for the user who started it (scoped, the
same FilterSet and sortering as the page, the BSN search from the user's session)
and writes it with the one writer (core/tabellen.py): formulas neutralised, Dutch
notation, the BSN masked. Its page offers the download when it is ready.

The app that owns a list registers it (`lijst_registreren` in its AppConfig.ready):
its list view (FilterSet, selector, sortering) and the function that turns its rows
into a `tablib.Dataset`, as dotted paths, so core names no app above it.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views import View

from core import tabellen, taken, zoeken
from core.lists import SORTERING, sorteer
from core.views import RolVereistMixin

FORMATEN = ("csv", "xlsx")


@dataclass(frozen=True)
class Lijst:
    titel: str  # "toewijzingen": in the job's name and the file's
    view: str  # dotted path of the list view
    rijen: str  # dotted path of rows -> tablib.Dataset


# Filled by the apps that own the lists (AppConfig.ready: `lijst_registreren`).
LIJSTEN: dict[str, Lijst] = {}


def lijst_registreren(naam: str, *, titel: str, view: str, rijen: str) -> None:
    LIJSTEN[naam] = Lijst(titel, view, rijen)


def gefilterd(user, *, filterset_class, queryset, sorteer_velden, params: QueryDict):
    """`queryset` filtered and sorted as a list page does with these parameters."""
    filterset = filterset_class(
        params or None,
        queryset=queryset,
        request=SimpleNamespace(user=user, GET=params),
    )
    return sorteer(filterset.qs, sorteer_velden, params.get(SORTERING, "").strip())


def gefilterde_rijen(user, view_class, params: QueryDict):
    """The rows of the list as `user` sees it with these filters and sortering."""
    return gefilterd(
        user,
        filterset_class=view_class.filterset_class,
        queryset=view_class.selector(user=user),
        sorteer_velden=view_class.sorteer_velden,
        params=params,
    )


def lijst_exporteren(taak, *, lijst: str, formaat: str, query: str = "") -> dict:
    """The job: the filtered list as a CSV or Excel file (see the module text)."""
    if formaat not in FORMATEN:
        raise ValueError(f"Onbekend formaat: {formaat}.")
    gegevens = LIJSTEN[lijst]
    rijen = gefilterde_rijen(
        taak.gebruiker, import_string(gegevens.view), QueryDict(query)
    )
    totaal = rijen.count()
    data = import_string(gegevens.rijen)(
        taken.met_voortgang(taak, rijen.iterator(), totaal)
    )
    naam = f"{lijst}-{timezone.localdate():%Y%m%d}.{formaat}"
    inhoud = tabellen.tabel_exporteren(data, formaat, tabellen.NL)
    taken.bestand_opslaan(taak, naam, inhoud)
    taak.melding = f"{totaal} {gegevens.titel} geëxporteerd."
    return {"bestandsnaam": naam, "content_type": tabellen.FORMATEN[formaat]}


class LijstExportView(RolVereistMixin, View):
    """POST (with CSRF; a link or a GET cannot start a job): export the list
    `lijst` with the filter of the URL and the BSN search of the user's session."""

    http_method_names = ["post"]
    lijst = ""

    def post(self, request, *, formaat: str):
        if formaat not in FORMATEN:
            raise Http404
        gegevens = LIJSTEN[self.lijst]
        view_class = import_string(gegevens.view)
        if (
            view_class.vereiste_rollen
            and request.user.rol not in view_class.vereiste_rollen
        ):
            raise Http404
        query = zoeken.filter_data(request, view_class.filterset_class, request.GET)
        query.pop("page", None)
        taak = taken.taak_starten(
            user=request.user,
            soort=f"Export {gegevens.titel} ({formaat.upper()})",
            functie=lijst_exporteren,
            lijst=self.lijst,
            formaat=formaat,
            query=query.urlencode(),
        )
        return redirect(taak.get_absolute_url())


def export_urls(lijst: str, prefix: str = "") -> list:
    """The URLs `<prefix>export.csv` and `<prefix>export.xlsx` of list `lijst`,
    named `<lijst>-export-csv` and `<lijst>-export-xlsx`."""
    from django.urls import path

    view = LijstExportView.as_view(lijst=lijst)
    return [
        path(
            f"{prefix}export.{formaat}",
            view,
            {"formaat": formaat},
            name=f"{lijst}-export-{formaat}",
        )
        for formaat in FORMATEN
    ]
