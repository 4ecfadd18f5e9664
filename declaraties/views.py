"""Screens for declaraties (WMO323): make, pre-check, send, check, correct, credit.

Thin: forms check the input, the services decide; an ApplicationError shows in the
page with its Dutch reason. Every object comes from a scoped selector, so another
party's declaratie or line is a 404.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.views import View
from django.views.generic import FormView, TemplateView

from berichten.bevinding import Bevinding
from core import taken, zoeken
from core.constants import Rol
from core.exceptions import ApplicationError
from core.views import RolVereistMixin
from declaraties import pdf, selectors, services, weergave
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.filters import (
    AFGEKEURD_SORTERING,
    AfgekeurdFilter,
    DeclaratieFilter,
    StartOntbreektFilter,
)
from declaraties.forms import (
    ActieForm,
    BeoordelingForm,
    BetaalbestandForm,
    InstellingenForm,
    MaandForm,
    RegelForm,
)
from declaraties.models import Declaratie, Prestatie
from stamgegevens import services as stamgegevens_services
from stamgegevens.views import FilteredListView
from toewijzingen.views import ObjectMixin

AANBIEDER = (Rol.AANBIEDER,)


def declaratie_url(declaratie: Declaratie) -> str:
    return reverse("declaraties:declaratie-detail", args=[declaratie.pk])


def regel_url(prestatie: Prestatie) -> str:
    return reverse("declaraties:regel-detail", args=[prestatie.pk])


def declaraties(*, user):
    """The declaraties the user may see, with counts and the afgewezen total."""
    return weergave.met_afgewezen(selectors.declaratie_list(user=user)).order_by(
        "-periode_begin", "-id"
    )


@dataclass
class Rij:
    """A line as a table row: its codes (text and hint) and its chain."""

    prestatie: Prestatie
    retourcodes: list[selectors.Retourcode]
    keten: list[Prestatie] = field(default_factory=list)
    bevindingen: list[Bevinding] = field(default_factory=list)


def rijen(user, prestaties) -> list[Rij]:
    prestaties = list(prestaties)
    ketens = weergave.ketens(user=user, prestaties=prestaties)
    return [Rij(p, weergave.retourcodes(p), ketens[p.pk]) for p in prestaties]


# --- declaraties ----------------------------------------------------------------------


class DeclaratieListView(FilteredListView):
    """Per period and party: ingediend, toegekend and afgewezen; then each declaratie."""

    template_name = "declaraties/declaratie_list.html"
    filterset_class = DeclaratieFilter
    selector = declaraties
    sorteer_velden = {
        "nummer": "declaratie_nummer",
        "periode": "periode_begin",
        "gemeente": "gemeente__naam",
        "aanbieder": "aanbieder__naam",
        "status": "status",
        "regels": "aantal_regels",
        "ingediend": "totaal_ingediend",
        "toegekend": "totaal_toegekend",
        "afgewezen": "totaal_afgewezen",
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totalen"] = weergave.totalen(
            self.filterset.qs, pagina=context["object_list"]
        )
        return context


class DeclaratieMakenView(RolVereistMixin, FormView):
    """The portal proposes the lines of a month from the started toewijzingen."""

    template_name = "declaraties/declaratie_maken.html"
    form_class = MaandForm
    vereiste_rollen = AANBIEDER

    def form_valid(self, form):
        maand = form.cleaned_data["maand"]
        try:
            gemaakt = services.declaratie_voorstellen(
                user=self.request.user,
                periode=maand,
                latere_periode=form.cleaned_data["latere_periode"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            if exc.code == "latere_periode":
                form.toon_latere_periode()
            return self.form_invalid(form)
        if not gemaakt:
            form.add_error(
                None,
                f"Er zijn voor {maand:%m-%Y} geen regels voor te stellen: geen "
                "gestarte toewijzing zonder declaratie voor die maand.",
            )
            return self.form_invalid(form)
        aantal = sum(d.prestaties.count() for d in gemaakt)
        perioden = ", ".join(
            sorted({formats.date_format(d.periode_begin, "F Y") for d in gemaakt})
        )
        messages.success(
            self.request,
            f"{aantal} regel(s) voorgesteld in {len(gemaakt)} conceptdeclaratie(s) "
            f"over {perioden}. Controleer ze, doe de proefdeclaratie en verstuur.",
        )
        if len(gemaakt) == 1:
            return redirect(declaratie_url(gemaakt[0]))
        return redirect(reverse("declaraties:declaratie-list") + "?status=concept")


class DeclaratieMixin(ObjectMixin):
    def vind(self, user, pk):
        try:
            return declaraties(user=user).get(pk=pk)
        except Declaratie.DoesNotExist as exc:
            raise Http404("Deze declaratie bestaat niet of is niet van u.") from exc


class DeclaratieDetailView(DeclaratieMixin, RolVereistMixin, TemplateView):
    """The declaratie, its lines per cliënt with codes and chain; send a concept."""

    template_name = "declaraties/declaratie_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, declaratie = self.request.user, self.object
        context.update(
            declaratie=declaratie,
            rijen=rijen(
                user, selectors.prestaties_van(user=user, declaratie=declaratie)
            ),
            retourcodes=[selectors.retourcode(c) for c in declaratie.retourcodes],
            mag_versturen=user.is_aanbieder and declaratie.is_concept,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ActieForm(request.POST, acties=("indienen",))
        if form.is_valid() and not request.POST.get("bevestigd"):
            try:
                proef = services.declaratie_proef(
                    user=request.user, declaratie=self.object
                )
            except ApplicationError:
                proef = None  # declaratie_indienen gives the reason below
            if proef is not None and not proef.goedgekeurd:
                # Ask first: the proefdeclaratie predicts rejected lines.
                context = self.get_context_data(**kwargs)
                context["bevestigen"] = _voorspeld_afgekeurd(proef)
                return self.render_to_response(context)
        if form.is_valid():
            try:
                bericht = services.declaratie_indienen(
                    user=request.user, declaratie=self.object
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    f"De declaratie is verstuurd ({bericht.bericht_type} "
                    f"{bericht.identificatie}).",
                )
        return redirect(declaratie_url(self.object))


def _voorspeld_afgekeurd(proef: services.Proef) -> dict:
    """What the confirmation says: the lines and the declaratie-wide codes."""
    return {
        "regels": sum(
            any(b.retourcode for b in bevindingen)
            for bevindingen in proef.per_prestatie.values()
        ),
        "declaratie": [
            selectors.retourcode(b.retourcode) for b in proef.declaratie if b.retourcode
        ],
    }


class ProefView(DeclaratieMixin, RolVereistMixin, TemplateView):
    """The proefdeclaratie: the gemeente's retourcodes per line, before sending."""

    template_name = "declaraties/proef.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, declaratie = self.request.user, self.object
        context["declaratie"] = declaratie
        try:
            proef = services.declaratie_proef(user=user, declaratie=declaratie)
        except ApplicationError as exc:
            context["fout"] = exc.message
            return context
        regels = selectors.prestaties_van(user=user, declaratie=declaratie)
        context.update(
            proef=proef,
            rijen=[
                Rij(
                    p,
                    [selectors.retourcode(c) for c in proef.retourcodes(p)],
                    bevindingen=proef.per_prestatie.get(p.pk, []),
                )
                for p in regels
            ],
            declaratie_codes=[
                selectors.retourcode(b.retourcode)
                for b in proef.declaratie
                if b.retourcode
            ],
        )
        context["aantal_afgekeurd"] = sum(bool(r.retourcodes) for r in context["rijen"])
        return context


class FactuurView(DeclaratieMixin, RolVereistMixin, TemplateView):
    """The factuur (R-D4): printable, and as PDF."""

    template_name = "declaraties/factuur.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["declaratie"] = self.object
        context["factuur"] = selectors.factuur(
            user=self.request.user, declaratie=self.object
        )
        return context


class FactuurPdfView(DeclaratieMixin, RolVereistMixin, View):
    def get(self, request, *args, **kwargs):
        factuur = selectors.factuur(user=request.user, declaratie=self.object)
        try:
            return pdf.factuur_download(factuur)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("declaraties:factuur", pk=self.object.pk)


# --- lines -------------------------------------------------------------------------


class RegelDetailView(ObjectMixin, RolVereistMixin, TemplateView):
    """One line with its chain; change or remove a concept line, correct or credit a sent one."""

    template_name = "declaraties/regel_detail.html"
    ACTIES = ("wijzigen", "verwijderen", "corrigeren", "crediteren")

    def vind(self, user, pk):
        return get_object_or_404(
            weergave.regels(Prestatie.objects.visible_to(user)), pk=pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, regel = self.request.user, self.object
        [rij] = rijen(user, [regel])
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
    selector = weergave.afgekeurde_regels
    # The gemeente reads them too: the drill-down of the rapportages' uitval.
    vereiste_rollen = (Rol.AANBIEDER, Rol.GEMEENTE, Rol.BEHEERDER)
    paginate_by = 50
    sorteer_velden = AFGEKEURD_SORTERING

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rijen"] = rijen(self.request.user, context["object_list"])
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
        context["tabel"] = weergave.uitval_tabel(
            selectors.uitval_per_retourcode(user=self.request.user)
        )
        return context


# --- the gemeente's review step ---------------------------------------------------------


class BeoordelenView(DeclaratieMixin, RolVereistMixin, TemplateView):
    """Review before the 325 leaves: reject lines with a code, or the whole
    declaratie; approve the rest and send. Shows the R-D8 deadline."""

    template_name = "declaraties/beoordelen.html"
    vereiste_rollen = (Rol.GEMEENTE,)
    ACTIES = ("afkeuren", "terugzetten", "goedkeuren", "geheel_afkeuren")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, declaratie = self.request.user, self.object
        regels = selectors.prestaties_van(user=user, declaratie=declaratie)
        context.update(
            declaratie=declaratie,
            rijen=rijen(user, regels),
            termijn=selectors.antwoordtermijn(declaratie),
            mag_beoordelen=declaratie.status == DeclaratieStatus.TE_BEOORDELEN,
            aantal_start_ontbreekt=sum(p.start_ontbreekt for p in regels),
            form=kwargs.get("form") or BeoordelingForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        actie = ActieForm(request.POST, acties=self.ACTIES)
        if not actie.is_valid():
            return redirect("declaraties:beoordelen", pk=self.object.pk)
        naam = actie.cleaned_data["actie"]
        form = BeoordelingForm(request.POST)
        if naam in ("afkeuren", "geheel_afkeuren") and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            melding = getattr(self, naam)(form)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, melding)
        if naam in ("goedkeuren", "geheel_afkeuren"):
            return redirect(declaratie_url(self.object))
        return redirect("declaraties:beoordelen", pk=self.object.pk)

    def _regel(self) -> Prestatie:
        return get_object_or_404(
            Prestatie.objects.visible_to(self.request.user).filter(
                declaratie=self.object
            ),
            pk=self.request.POST.get("regel"),
        )

    def afkeuren(self, form):
        regel = services.prestatie_afkeuren(
            user=self.request.user, prestatie=self._regel(), **form.cleaned_data
        )
        return (
            f"Regel {regel.product_referentie} is afgekeurd ({regel.retourcodes[0]})."
        )

    def terugzetten(self, form):
        regel = services.prestatie_terugzetten(
            user=self.request.user, prestatie=self._regel()
        )
        return f"Regel {regel.product_referentie} wacht weer op beoordeling."

    def goedkeuren(self, form):
        bericht = services.declaratie_goedkeuren(
            user=self.request.user, declaratie=self.object
        )
        return f"De beoordeling is af; het antwoord is verstuurd ({bericht.identificatie})."

    def geheel_afkeuren(self, form):
        bericht = services.declaratie_afkeuren(
            user=self.request.user, declaratie=self.object, **form.cleaned_data
        )
        return f"De declaratie is als geheel afgekeurd; het antwoord is verstuurd ({bericht.identificatie})."


class InstellingenView(RolVereistMixin, FormView):
    """The gemeente's own choices: review declaraties first, its bank account."""

    template_name = "declaraties/instellingen.html"
    form_class = InstellingenForm
    vereiste_rollen = (Rol.GEMEENTE,)

    def get_initial(self):
        gemeente = self.request.user.gemeente
        return {
            "declaraties_beoordelen": gemeente.declaraties_beoordelen,
            "betaalrekening": gemeente.betaalrekening,
        }

    def form_valid(self, form):
        try:
            stamgegevens_services.gemeente_instellingen_wijzigen(
                user=self.request.user,
                gemeente=self.request.user.gemeente,
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, "De instellingen zijn bewaard.")
        return redirect("declaraties:instellingen")


class BetaalbestandView(RolVereistMixin, FormView):
    """The payment file for the finance system, made by a background job (POST)."""

    template_name = "declaraties/betaalbestand.html"
    form_class = BetaalbestandForm
    vereiste_rollen = (Rol.GEMEENTE,)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gemeente"] = self.request.user.gemeente
        return context

    def form_valid(self, form):
        formaat = form.cleaned_data["formaat"]
        taak = taken.taak_starten(
            user=self.request.user,
            soort=f"Betaalbestand ({'SEPA' if formaat == 'xml' else 'CSV'})",
            functie="declaraties.taken.betaalbestand_maken",
            formaat=formaat,
            periode=form.cleaned_data["periode"],
            ook_betaald=form.cleaned_data["ook_betaald"],
        )
        return redirect(taak.get_absolute_url())
