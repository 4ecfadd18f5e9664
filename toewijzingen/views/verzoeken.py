"""Screens for verzoeken (WMO315/317/319)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.privacy import bsn_inzage_loggen
from core.scoping import can_see
from core.views import FilteredListView, ObjectMixin
from toewijzingen import forms, selectors, services
from toewijzingen.filters import VerzoekFilter
from toewijzingen.models import Client
from toewijzingen.views.basis import (
    AANBIEDER,
    ClientMixin,
    ServiceFormView,
    toewijzing_url,
    verzoek_url,
)
from toewijzingen.views.clienten import adres_invullen_url

# --- verzoeken --------------------------------------------------------------------


class VerzoekListView(FilteredListView):
    template_name = "toewijzingen/verzoek_list.html"
    filterset_class = VerzoekFilter
    selector = selectors.verzoek_list
    sorteer_velden = {
        "verzoek": ("soort", "referentie_aanbieder"),
        "client": ("client__achternaam", "client__voorletters"),
        "gemeente": "gemeente__naam",
        "aanbieder": "aanbieder__naam",
        "ingediend": "ingediend_op",
        "status": "status",
    }


class VerzoekDetailView(ObjectMixin, ServiceFormView):
    """The verzoek, its messages, and for the gemeente the answer form."""

    template_name = "toewijzingen/verzoek_detail.html"
    form_class = forms.AntwoordForm

    def vind(self, user, pk):
        return get_object_or_404(selectors.verzoek_list(user=user), pk=pk)

    def get_context_data(self, **kwargs):
        user, verzoek = self.request.user, self.object
        return super().get_context_data(
            verzoek=verzoek,
            berichten=selectors.verzoekberichten(user, verzoek),
            toewijzingen=selectors.met_statuslabel(
                selectors.toewijzing_list(user=user).filter(
                    client=verzoek.client,
                    aanbieder=verzoek.aanbieder,
                    referentie_aanbieder=verzoek.referentie_aanbieder,
                )
            ),
            mag_beantwoorden=user.is_gemeente and verzoek.is_onderhanden,
            adres_invullen=adres_invullen_url(verzoek.client, self.request.path)
            if user.is_gemeente and not verzoek.client.heeft_contact
            else "",
            client_zichtbaar=can_see(user, verzoek.client),
            afwijkingen=verzoek.afwijkingen if user.is_gemeente else [],
            **kwargs,
        )

    def uitvoeren(self, form) -> str:
        user, verzoek = self.request.user, self.object
        besluit = form.cleaned_data["besluit"]
        if besluit == form.HONOREREN:
            toewijzingen = services.verzoek_honoreren(user=user, verzoek=verzoek)
            self.succes = (
                "Het verzoek is gehonoreerd en de toewijzing is verstuurd (WMO301)."
            )
            return (
                toewijzing_url(toewijzingen[-1])
                if toewijzingen
                else verzoek_url(verzoek)
            )
        if besluit == form.AFWIJZEN:
            services.verzoek_afwijzen(
                user=user,
                verzoek=verzoek,
                reden_afwijzing=form.cleaned_data["reden_afwijzing"],
            )
            self.succes = "Het verzoek is afgewezen (WMO319)."
        else:
            services.verzoek_in_onderzoek(user=user, verzoek=verzoek)
            self.succes = "Het verzoek is in onderzoek gemeld (WMO319)."
        return verzoek_url(verzoek)


class VerzoekOmToewijzingView(ServiceFormView):
    """WMO315 from the aanbieder, optionally for a cliënt it already knows (?client=)."""

    template_name = "toewijzingen/formulier.html"
    form_class = forms.VerzoekOmToewijzingForm
    vereiste_rollen = AANBIEDER
    succes = "Het verzoek om toewijzing is verstuurd (WMO315)."
    titel = "Verzoek om toewijzing (WMO315)"
    knop = "Verzoek versturen (WMO315)"
    form_met_gebruiker = True

    def get_initial(self):
        pk = self.request.GET.get("client", "")
        client = (
            Client.objects.visible_to(self.request.user).filter(pk=pk).first()
            if pk.isdigit()
            else None
        )
        if client is None:
            return {}
        if self.request.method == "GET":  # the form shows the full BSN
            bsn_inzage_loggen(
                user=self.request.user, bsn=client.bsn, waar=self.request.path
            )
        velden = forms.VerzoekOmToewijzingForm.CLIENT
        return {veld: getattr(client, veld) for veld in velden} | {
            "gemeente": client.gemeente_id
        }

    def uitvoeren(self, form) -> str:
        verzoeken = services.verzoek_om_toewijzing_indienen(
            user=self.request.user,
            gemeente=form.cleaned_data["gemeente"],
            client=services.ClientGegevens(**form.client_gegevens()),
            producten=[services.AangevraagdProduct(**form.product_gegevens())],
            commentaar=form.cleaned_data["commentaar"],
        )
        return verzoek_url(verzoeken[0])


class VerzoekOmWijzigingView(ClientMixin, ServiceFormView):
    """WMO317 for one cliënt: change one current toewijzing or ask a new product."""

    template_name = "toewijzingen/formulier.html"
    form_class = forms.VerzoekOmWijzigingForm
    vereiste_rollen = AANBIEDER
    succes = "Het verzoek om wijziging is verstuurd (WMO317)."
    titel = "Verzoek om wijziging voor {object.naam} (WMO317)"
    knop = "Verzoek versturen (WMO317)"
    form_met_gebruiker = True

    def get_form_kwargs(self):
        toewijzingen = selectors.actuele_toewijzingen(
            client=self.object,
            aanbieder=self.request.user.aanbieder,
            vandaag=timezone.localdate(),
        )
        return super().get_form_kwargs() | {"toewijzingen": toewijzingen}

    def uitvoeren(self, form) -> str:
        verzoek = services.verzoek_om_wijziging_indienen(
            user=self.request.user,
            client=self.object,
            referentie_aanbieder=form.cleaned_data["referentie_aanbieder"],
            reden_verzoek=form.cleaned_data["reden_verzoek"],
            producten=[services.GewenstProduct(**form.product_gegevens())],
        )
        return verzoek_url(verzoek)
