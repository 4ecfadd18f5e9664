"""The gemeente's review step, its settings and the payment file."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from core import taken
from core.constants import Rol
from core.exceptions import ApplicationError
from core.views import RolVereistMixin
from declaraties import selectors, services
from declaraties.constants import DeclaratieStatus
from declaraties.forms import (
    ActieForm,
    BeoordelingForm,
    BetaalbestandForm,
    InstellingenForm,
)
from declaraties.models import Prestatie
from declaraties.views.basis import declaratie_url
from declaraties.views.declaraties import DeclaratieMixin
from stamgegevens import services as stamgegevens_services

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
            rijen=selectors.prestatie_rijen(user=user, prestaties=regels),
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
        )
        return redirect(taak.get_absolute_url())
