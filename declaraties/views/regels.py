"""Screens for lines (prestaties): one line with its chain, the afgekeurde lines
(and their export as a background job), lines without a start, the uitval."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from core import taken, zoeken
from core.constants import Rol
from core.exceptions import ApplicationError
from core.views import FilteredListView, ObjectMixin, RolVereistMixin
from declaraties import selectors, services
from declaraties.constants import PrestatieStatus
from declaraties.filters import (
    AFGEKEURD_SORTERING,
    AfgekeurdFilter,
    StartOntbreektFilter,
)
from declaraties.forms import ActieForm, RegelForm
from declaraties.models import Prestatie
from declaraties.views.basis import declaratie_url, regel_url

# --- lines -------------------------------------------------------------------------


class RegelDetailView(ObjectMixin, RolVereistMixin, TemplateView):
    """One line with its chain; change or remove a concept line, correct or credit a sent one."""

    template_name = "declaraties/regel_detail.html"
    ACTIES = ("wijzigen", "verwijderen", "corrigeren", "crediteren")

    def vind(self, user, pk):
        return get_object_or_404(
            selectors.regels(Prestatie.objects.visible_to(user)), pk=pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, regel = self.request.user, self.object
        [rij] = selectors.prestatie_rijen(user=user, prestaties=[regel])
        eigen = user.is_aanbieder and not regel.is_credit
        verstuurd = regel.status != PrestatieStatus.CONCEPT
        initial = {
            "geleverd_volume": regel.geleverd_volume,
            "begindatum": regel.begindatum,
            "einddatum": regel.einddatum,
        }
        context.update(
            regel=regel,
            rij=rij,
            declaratie=regel.declaratie,
            mag_wijzigen=eigen and regel.declaratie.is_concept,
            mag_corrigeren=eigen and verstuurd and regel.vervangen_door is None,
            mag_crediteren=eigen
            and regel.status == PrestatieStatus.GOEDGEKEURD
            and regel.gecrediteerd_door is None,
        )
        context.setdefault("form", RegelForm(initial=initial))
        return context

    def post(self, request, *args, **kwargs):
        actie = ActieForm(request.POST, acties=self.ACTIES)
        if not actie.is_valid():
            return redirect(regel_url(self.object))
        naam = actie.cleaned_data["actie"]
        form = RegelForm(request.POST) if naam in ("wijzigen", "corrigeren") else None
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            url, melding = getattr(self, naam)(form.cleaned_data if form else {})
        except ApplicationError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect(regel_url(self.object))
            form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, melding)
        return redirect(url)

    # Each action returns where to go next and what to say.

    def wijzigen(self, velden):
        regel = services.declaratie_regel_wijzigen(
            user=self.request.user, prestatie=self.object, **velden
        )
        return declaratie_url(regel.declaratie), "De regel is gewijzigd."

    def verwijderen(self, velden):
        declaratie = self.object.declaratie
        services.declaratie_regel_verwijderen(
            user=self.request.user, prestatie=self.object
        )
        return declaratie_url(declaratie), "De regel is verwijderd."

    def corrigeren(self, velden):
        nieuw = services.prestatie_corrigeren(
            user=self.request.user, prestatie=self.object, **velden
        )
        return declaratie_url(nieuw.declaratie), (
            "De gecorrigeerde regel staat in een conceptdeclaratie; verstuur die "
            "om hem opnieuw in te dienen."
        )

    def crediteren(self, velden):
        credit = services.prestatie_crediteren(
            user=self.request.user, prestatie=self.object
        )
        return declaratie_url(credit.declaratie), (
            "De creditregel staat in een conceptdeclaratie; verstuur die om de "
            "regel te crediteren."
        )


class AfgekeurdeRegelsView(FilteredListView):
    """The aanbieder's work list: rejected lines with code, text and a hint."""

    template_name = "declaraties/afgekeurde_regels.html"
    filterset_class = AfgekeurdFilter
    selector = selectors.afgekeurde_regel_list
    # The gemeente reads them too: the drill-down of the rapportages' uitval.
    vereiste_rollen = (Rol.AANBIEDER, Rol.GEMEENTE, Rol.BEHEERDER)
    paginate_by = 50
    sorteer_velden = AFGEKEURD_SORTERING

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rijen"] = selectors.prestatie_rijen(
            user=self.request.user, prestaties=context["object_list"]
        )
        return context


class AfgekeurdExportView(AfgekeurdeRegelsView):
    """The same filtered work list, whole, as CSV or Excel: written by a background
    job (declaraties/taken.py); its page offers the download when it is ready.

    Started by POST with the page's CSRF token (a link or a GET cannot start a
    job); the filter comes from the URL, the BSN from the user's search."""

    http_method_names = ["post"]

    def post(self, request, *args, formaat: str, **kwargs):
        query = zoeken.filter_data(request, self.filterset_class, request.GET)
        taak = taken.taak_starten(
            user=request.user,
            soort=f"Export afgekeurde regels ({formaat.upper()})",
            functie="declaraties.taken.afgekeurde_regels_exporteren",
            formaat=formaat,
            query=query.urlencode(),
        )
        return redirect(taak.get_absolute_url())


class StartOntbreektView(FilteredListView):
    """OP364: lines declared without a known start zorg, for the contractmanager."""

    template_name = "declaraties/start_ontbreekt.html"
    filterset_class = StartOntbreektFilter
    selector = selectors.start_ontbreekt
    vereiste_rollen = (Rol.GEMEENTE, Rol.BEHEERDER)
    paginate_by = 50
    sorteer_velden = {
        "aanbieder": "aanbieder__naam",
        "declaratie": ("declaratie__periode_begin", "declaratie__declaratie_nummer"),
        "client": ("client__achternaam", "bsn"),
        "toewijzing": "toewijzing_nummer",
        "product": ("product_categorie", "product_code"),
        "periode": "begindatum",
        "bedrag": "ingediend_bedrag",
        "status": "status",
    }


class UitvalView(RolVereistMixin, TemplateView):
    """Rejected lines per retourcode and month."""

    template_name = "declaraties/uitval.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tabel"] = selectors.uitval_tabel(
            selectors.uitval_per_retourcode(user=self.request.user)
        )
        return context
