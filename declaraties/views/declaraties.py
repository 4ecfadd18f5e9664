"""Screens for one declaratie: list, make, detail, pre-check (proef), factuur."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats
from django.views import View
from django.views.generic import FormView, TemplateView

from core.exceptions import ApplicationError
from core.views import FilteredListView, ObjectMixin, RolVereistMixin
from declaraties import pdf, selectors, services
from declaraties.filters import DeclaratieFilter
from declaraties.forms import ActieForm, MaandForm
from declaraties.models import Declaratie
from declaraties.views.basis import AANBIEDER, declaratie_url, declaraties

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
        context["totalen"] = selectors.totalen(
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
            rijen=selectors.prestatie_rijen(
                user=user,
                prestaties=selectors.prestaties_van(user=user, declaratie=declaratie),
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
                selectors.PrestatieRij(
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
