"""Screens for cliënten."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView

from core.constants import Rol
from core.privacy import bsn_inzage_loggen
from core.views import FilteredListView, RolVereistMixin
from toewijzingen import forms, selectors, services
from toewijzingen.filters import ClientFilter
from toewijzingen.models import Client
from toewijzingen.views.basis import (
    GEMEENTE,
    PARTIJEN,
    ClientMixin,
    ServiceFormView,
    client_url,
)

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
        context["toewijzingen"] = selectors.met_statuslabel(
            selectors.toewijzing_list(user=user, filters={"client": client.pk})
        )
        context["verzoeken"] = selectors.verzoek_list(user=user).filter(client=client)
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
