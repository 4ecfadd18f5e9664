"""Screens for cliënten, toewijzingen, start/stop, verzoeken and signalen.

Thin: forms check the input, the services decide; an ApplicationError shows in
the form with its Dutch reason. Every object comes from a scoped selector, so
another party's object is a 404.
"""

from types import SimpleNamespace
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView, FormView, TemplateView, View

from core.constants import Rol
from core.exceptions import ApplicationError
from core.lists import sorteer
from core.privacy import bsn_inzage_loggen
from core.scoping import can_see
from core.views import RolVereistMixin
from stamgegevens.views import FilteredListView
from toewijzingen import forms, selectors, services, views_support as support
from toewijzingen.constants import Frequentie, LeveringSoort, ToewijzingStatus
from toewijzingen.filters import ClientFilter, ToewijzingFilter, VerzoekFilter
from toewijzingen.models import Client, Signaal, Toewijzing

GEMEENTE = (Rol.GEMEENTE,)
AANBIEDER = (Rol.AANBIEDER,)
PARTIJEN = (Rol.GEMEENTE, Rol.AANBIEDER)


def toewijzing_url(toewijzing) -> str:
    return reverse("toewijzingen:toewijzing-detail", args=[toewijzing.pk])


def verzoek_url(verzoek) -> str:
    return reverse("toewijzingen:verzoek-detail", args=[verzoek.pk])


def client_url(client) -> str:
    return reverse("toewijzingen:client-detail", args=[client.pk])


class ServiceFormView(RolVereistMixin, FormView):
    """A form whose valid input goes to one service call (`uitvoeren`, returning
    the URL to go to); a refusal shows in the form with its reason."""

    succes = ""
    titel = ""  # may name the object: "… voor {object.naam}"
    knop = "Versturen"
    form_met_gebruiker = False  # the form takes `user` (its choices are scoped)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.form_met_gebruiker:
            kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        titel = self.titel.format(object=getattr(self, "object", None))
        return super().get_context_data(titel=titel, knop=self.knop, **kwargs)

    def uitvoeren(self, form) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            url = self.uitvoeren(form)
        except ApplicationError as exc:
            for melding in exc.extra.get("meldingen") or [exc.message]:
                form.add_error(None, melding)  # every broken rule at once
            return self.form_invalid(form)
        messages.success(self.request, self.succes)
        return redirect(url)


class ObjectMixin:
    """Looks `object` up among what the user may see (404 otherwise) before anything else."""

    def vind(self, user, pk):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.vind(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class ToewijzingMixin(ObjectMixin):
    def vind(self, user, pk):
        try:
            return selectors.toewijzing_detail(user, pk)
        except Toewijzing.DoesNotExist as exc:
            raise Http404("Deze toewijzing bestaat niet of is niet van u.") from exc


class ClientMixin(ObjectMixin):
    def vind(self, user, pk):
        return get_object_or_404(Client.objects.visible_to(user), pk=pk)


# --- cliënten ------------------------------------------------------------------------


class ClientListView(FilteredListView):
    template_name = "toewijzingen/client_list.html"
    filterset_class = ClientFilter
    selector = selectors.client_list
    vereiste_rollen = PARTIJEN + (Rol.BEHEERDER,)
    sorteer_velden = {
        "naam": ("achternaam", "voorletters"),
        "geboortedatum": "geboortedatum",
        "gemeente": "gemeente__naam",
        "actueel": "aantal_actueel",
    }


class ClientDetailView(RolVereistMixin, DetailView):
    """The one page with the full BSN; every view of it is logged."""

    template_name = "toewijzingen/client_detail.html"
    context_object_name = "client"

    def get_queryset(self):
        return Client.objects.visible_to(self.request.user).select_related("gemeente")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, client = self.request.user, self.object
        bsn_inzage_loggen(user=user, bsn=client.bsn, waar=self.request.path)
        context["toewijzingen"] = support.met_statuslabel(
            selectors.toewijzing_list(user, {"client": client.pk})
        )
        context["verzoeken"] = selectors.verzoek_list(user).filter(client=client)
        if user.is_gemeente and not client.heeft_contact:
            context["adres_invullen"] = adres_invullen_url(client, self.request.path)
        return context


class ClientCreateView(ServiceFormView):
    template_name = "toewijzingen/client_formulier.html"
    form_class = forms.ClientForm
    vereiste_rollen = GEMEENTE
    succes = "De cliënt is vastgelegd."
    titel, knop = "Nieuwe cliënt", "Cliënt vastleggen"

    def uitvoeren(self, form) -> str:
        client = services.client_aanmaken(
            user=self.request.user, bsn=form.cleaned_data["bsn"], **form.velden()
        )
        return client_url(client)


def adres_invullen_url(client, volgende: str) -> str:
    """The cliënt form asking for the address TR061 needs, then back to `volgende`."""
    url = reverse("toewijzingen:client-update", args=[client.pk])
    return f"{url}?{urlencode({'nodig': 'contact', 'volgende': volgende})}"


class ClientUpdateView(ClientMixin, ServiceFormView):
    """With ?nodig=contact (a link from a toewijzing or verzoek that needs it) the
    form asks for the address or phone number (TR061) and returns to ?volgende=."""

    template_name = "toewijzingen/client_formulier.html"
    form_class = forms.ClientForm
    vereiste_rollen = GEMEENTE
    succes = "De gegevens van de cliënt zijn gewijzigd."
    titel, knop = "Cliënt {object.naam} wijzigen", "Opslaan"

    @property
    def contact_nodig(self) -> bool:
        return self.request.GET.get("nodig") == "contact"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "instance": self.object,
            "contact_verplicht": self.contact_nodig,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_nodig=self.contact_nodig, **kwargs)

    def volgende(self) -> str | None:
        url = self.request.GET.get("volgende", "")
        veilig = url_has_allowed_host_and_scheme(
            url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        )
        return url if url and veilig else None

    def uitvoeren(self, form) -> str:
        client = Client.objects.get(pk=self.object.pk)
        services.client_wijzigen(user=self.request.user, client=client, **form.velden())
        return self.volgende() or client_url(client)


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
        context["toewijzingen"] = support.met_statuslabel(context["object_list"])
        return context


class ToewijzingDetailView(ToewijzingMixin, RolVereistMixin, TemplateView):
    template_name = "toewijzingen/toewijzing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, toewijzing = self.request.user, self.object
        lopend = toewijzing.beeindigd_op is None
        support.met_statuslabel([toewijzing])
        context.update(
            toewijzing=toewijzing,
            leveringen=toewijzing.leveringen.all(),
            berichten=support.toewijzingberichten(user, toewijzing),
            mag_wijzigen=user.is_gemeente and lopend,
            mag_melden=user.is_aanbieder
            and toewijzing.status != ToewijzingStatus.BEEINDIGD,
            overlijden_einddatum=support.einddatum_overlijden(toewijzing)
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
        return f"Einddatum wordt {_datum(support.einddatum_beeindigen())}."


class ToewijzingVerhuizingView(ToewijzingActieView):
    form_class = forms.VerhuizingForm
    actie = staticmethod(services.toewijzing_verhuizing)
    titel = "Verhuizing of Wlz-instelling"
    uitleg = "De toewijzing eindigt op de laatste dag van de tweede maand na verzending (R-T7)."

    def voorbeeld(self) -> str:
        return f"Einddatum wordt {_datum(support.einddatum_verhuizing(self.object))}."


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
        einddatum = support.einddatum_overlijden(self.object)
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
        return get_object_or_404(selectors.verzoek_list(user), pk=pk)

    def get_context_data(self, **kwargs):
        user, verzoek = self.request.user, self.object
        return super().get_context_data(
            verzoek=verzoek,
            berichten=support.verzoekberichten(user, verzoek),
            toewijzingen=support.met_statuslabel(
                selectors.toewijzing_list(user).filter(
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


# --- signalen ----------------------------------------------------------------------


class SignaalListView(FilteredListView):
    """The party's stored deadline signals, filterable by soort and status."""

    template_name = "toewijzingen/signaal_list.html"
    vereiste_rollen = PARTIJEN
    paginate_by = 50
    sorteer_velden = {
        "signaal": "soort",
        "betreft": "titel",
        "uiterlijk": "uiterlijk",
        "te_laat": "werkdagen_te_laat",
    }

    def get_queryset(self):
        form = forms.SignaalFilterForm(self.request.GET or None)
        self.filterset = SimpleNamespace(form=form)
        filters = form.cleaned_data if form.is_valid() else {}
        return sorteer(
            selectors.signaal_list(self.request.user, filters),
            self.sorteer_velden,
            self.sortering(),
        )


class SignaalAfhandelenView(RolVereistMixin, View):
    """POST: mark one of the party's signals handled (another party's: 404)."""

    vereiste_rollen = PARTIJEN
    http_method_names = ["post"]

    def post(self, request, pk):
        signaal = get_object_or_404(Signaal.objects.visible_to(request.user), pk=pk)
        try:
            services.signaal_afhandelen(user=request.user, signaal=signaal)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"Het signaal is afgehandeld: {signaal.omschrijving}."
            )
        return redirect(reverse("toewijzingen:signaal-list"))
