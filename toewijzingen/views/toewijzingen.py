"""Screens for toewijzingen and their start/stop: list, detail, make, and the
actions that send a WMO301 or a 305/307."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from core.views import FilteredListView, RolVereistMixin
from toewijzingen import forms, selectors, services
from toewijzingen.constants import Frequentie, LeveringSoort, ToewijzingStatus
from toewijzingen.filters import ToewijzingFilter
from toewijzingen.views.basis import (
    AANBIEDER,
    GEMEENTE,
    ClientMixin,
    ServiceFormView,
    ToewijzingMixin,
    toewijzing_url,
)
from toewijzingen.views.clienten import adres_invullen_url

# --- toewijzingen --------------------------------------------------------------------


class ToewijzingListView(FilteredListView):
    template_name = "toewijzingen/toewijzing_list.html"
    filterset_class = ToewijzingFilter
    selector = selectors.toewijzing_list
    sorteer_velden = {
        "nummer": "toewijzing_nummer",
        "client": ("client__achternaam", "client__voorletters"),
        "product": "product__code",
        "gemeente": "gemeente__naam",
        "aanbieder": "aanbieder__naam",
        "ingang": "ingangsdatum",
        "einde": "einddatum",
        # No "status": it is computed per row, so sorting on it would work out
        # every toewijzing of the party; the list filters on it instead.
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["toewijzingen"] = selectors.met_statuslabel(context["object_list"])
        return context


class ToewijzingDetailView(ToewijzingMixin, RolVereistMixin, TemplateView):
    template_name = "toewijzingen/toewijzing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, toewijzing = self.request.user, self.object
        lopend = toewijzing.beeindigd_op is None
        selectors.met_statuslabel([toewijzing])
        context.update(
            toewijzing=toewijzing,
            leveringen=toewijzing.leveringen.all(),
            berichten=selectors.toewijzingberichten(user, toewijzing),
            mag_wijzigen=user.is_gemeente and lopend,
            mag_melden=user.is_aanbieder
            and toewijzing.status != ToewijzingStatus.BEEINDIGD,
            overlijden_einddatum=selectors.einddatum_overlijden(toewijzing)
            if lopend
            else None,
        )
        return context


class ToewijzingCreateView(ClientMixin, ServiceFormView):
    template_name = "toewijzingen/formulier.html"
    form_class = forms.ToewijzingForm
    vereiste_rollen = GEMEENTE
    succes = "De toewijzing is vastgelegd en verstuurd (WMO301)."
    titel = "Nieuwe toewijzing voor {object.naam}"
    knop = "Toewijzing versturen (WMO301)"
    form_met_gebruiker = True

    def get(self, request, *args, **kwargs):
        # TR061: ask for the missing address on the cliënt form first, instead of
        # refusing the toewijzing when it is sent.
        if not self.object.heeft_contact:
            messages.warning(
                request,
                "Voor een toewijzing (WMO301) is het adres (huisnummer en postcode) "
                "of het telefoonnummer van de cliënt nodig (TR061). Vul dat eerst in; "
                "daarna gaat u verder met de toewijzing.",
            )
            return redirect(adres_invullen_url(self.object, request.path))
        return super().get(request, *args, **kwargs)

    def uitvoeren(self, form) -> str:
        toewijzing = services.toewijzing_aanmaken(
            user=self.request.user, client=self.object, **form.service_kwargs()
        )
        return toewijzing_url(toewijzing)


class ToewijzingActieView(ToewijzingMixin, ServiceFormView):
    """One change of a toewijzing; the dates the portal computes are shown first."""

    template_name = "toewijzingen/toewijzing_actie.html"
    vereiste_rollen = GEMEENTE
    uitleg = ""
    knop = "Versturen (WMO301)"
    succes = "De wijziging is vastgelegd en verstuurd (WMO301)."

    def voorbeeld(self) -> str:
        """The computed outcome shown before the user confirms ('' when none)."""
        return ""

    actie = None  # the service, called with user, toewijzing and service_kwargs(form)

    def service_kwargs(self, form) -> dict:
        return form.cleaned_data

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            toewijzing=self.object,
            uitleg=self.uitleg,
            voorbeeld=self.voorbeeld(),
            **kwargs,
        )

    def uitvoeren(self, form) -> str:
        type(self).actie(
            user=self.request.user,
            toewijzing=self.object,
            **self.service_kwargs(form),
        )
        return toewijzing_url(self.object)


def _datum(dag) -> str:
    return dag.strftime("%d-%m-%Y")


class ToewijzingWijzigenView(ToewijzingActieView):
    form_class = forms.WijzigenForm
    actie = staticmethod(services.toewijzing_wijzigen)
    titel = "Toewijzing wijzigen"
    uitleg = "Alleen de gewijzigde velden gaan mee, met de reden wijziging."

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"toewijzing": self.object}

    def get_context_data(self, **kwargs):
        # OP033x1: point at "beëindigen en nieuwe toewijzing" for a new omvang.
        if self.object.frequentie and self.object.frequentie != Frequentie.TOTAAL:
            kwargs["vervangen_url"] = reverse(
                "toewijzingen:toewijzing-vervangen", args=[self.object.pk]
            )
        return super().get_context_data(**kwargs)

    def service_kwargs(self, form) -> dict:
        return {
            "reden_wijziging": form.cleaned_data["reden_wijziging"],
            "wijzigingen": form.wijzigingen(),
        }


class ToewijzingVervangenView(ToewijzingActieView):
    form_class = forms.VervangenForm
    actie = staticmethod(services.toewijzing_vervangen)
    titel = "Beëindigen en nieuwe toewijzing"
    uitleg = (
        "Volume of frequentie van een toewijzing per dag, week of maand wijzigt niet "
        "in de toewijzing zelf (OP033x1). In één stap eindigt de huidige toewijzing "
        "de dag vóór de nieuwe ingangsdatum en gaat een nieuwe toewijzing voor "
        "hetzelfde product in; beide gaan in één WMO301 naar de aanbieder."
    )
    succes = (
        "De toewijzing is beëindigd en de nieuwe toewijzing is vastgelegd; beide "
        "zijn verstuurd (WMO301)."
    )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"toewijzing": self.object}

    def uitvoeren(self, form) -> str:
        nieuw = services.toewijzing_vervangen(
            user=self.request.user, toewijzing=self.object, **form.cleaned_data
        )
        return toewijzing_url(nieuw)


class ToewijzingVerlengenView(ToewijzingActieView):
    form_class = forms.VerlengenForm
    actie = staticmethod(services.toewijzing_verlengen)
    titel = "Toewijzing verlengen"
    uitleg = (
        "Een verlenging schuift de einddatum op (reden 04); volume en frequentie "
        "blijven gelijk (OP380)."
    )


class ToewijzingIntrekkenView(ToewijzingActieView):
    form_class = forms.IntrekkenForm
    actie = staticmethod(services.toewijzing_intrekken)
    titel = "Toewijzing intrekken"
    uitleg = "De beschikking is ingetrokken: de toewijzing krijgt een einddatum en een reden wijziging (R-T5)."


class ToewijzingBeeindigenView(ToewijzingActieView):
    form_class = forms.BeeindigenForm
    actie = staticmethod(services.toewijzing_beeindigen)
    titel = "Toewijzing beëindigen"
    uitleg = (
        "De toewijzing eindigt op de laatste dag van de maand van verzending (R-T6)."
    )

    def voorbeeld(self) -> str:
        return f"Einddatum wordt {_datum(selectors.einddatum_beeindigen())}."


class ToewijzingVerhuizingView(ToewijzingActieView):
    form_class = forms.VerhuizingForm
    actie = staticmethod(services.toewijzing_verhuizing)
    titel = "Verhuizing of Wlz-instelling"
    uitleg = "De toewijzing eindigt op de laatste dag van de tweede maand na verzending (R-T7)."

    def voorbeeld(self) -> str:
        return f"Einddatum wordt {_datum(selectors.einddatum_verhuizing(self.object))}."


class ToewijzingOverlijdenView(ToewijzingActieView):
    form_class = forms.BevestigenForm
    actie = staticmethod(services.toewijzing_overlijden_bevestigen)
    titel = "Overlijden bevestigen"
    uitleg = (
        "De aanbieder meldde een stop zorg met reden overlijden (02); de gemeente "
        "bevestigt met een toewijzing tot het einde van die maand (R-T8)."
    )
    knop = "Bevestigen (WMO301)"

    def voorbeeld(self) -> str:
        einddatum = selectors.einddatum_overlijden(self.object)
        if einddatum is None:
            return "Er is geen stop zorg met reden overlijden (02) ontvangen."
        return f"Einddatum wordt {_datum(einddatum)}."


class StartZorgView(ToewijzingActieView):
    form_class = forms.StartForm
    actie = staticmethod(services.start_zorg_melden)
    vereiste_rollen = AANBIEDER
    titel = "Start zorg melden"
    uitleg = "Meld de start binnen 5 werkdagen na de ingangsdatum (WMO305)."
    knop = "Start melden (WMO305)"
    succes = "De start zorg is gemeld (WMO305)."

    def get_initial(self):
        return {"begindatum": self.object.ingangsdatum}


class StopZorgView(ToewijzingActieView):
    form_class = forms.StopForm
    actie = staticmethod(services.stop_zorg_melden)
    vereiste_rollen = AANBIEDER
    titel = "Stop zorg melden"
    uitleg = "Meld de stop met de begindatum van de start die stopt (WMO307)."
    knop = "Stop melden (WMO307)"
    succes = "De stop zorg is gemeld (WMO307)."

    def get_initial(self):
        starts = [
            levering
            for levering in self.object.leveringen.all()
            if levering.soort == LeveringSoort.START and levering.is_actueel
        ]
        return {
            "begindatum": starts[-1].begindatum if starts else None,
            "einddatum": timezone.localdate(),
        }
