"""Werkvoorraad actions, the in-app notifications and the e-mail preferences."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, ListView

from core.constants import Rol
from core.lists import SorteerbareLijstMixin, sorteer
from core.views import RolVereistMixin
from meldingen import selectors, services
from meldingen.forms import AfhandelenForm, VoorkeurenForm


class PartijMixin(RolVereistMixin):
    vereiste_rollen = (Rol.GEMEENTE, Rol.AANBIEDER)


def _terug(request, standaard: str):
    volgende = request.POST.get("volgende", "")
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(volgende)
    return redirect(standaard)


class AfhandelenView(PartijMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = AfhandelenForm(request.POST)
        if not form.is_valid():
            raise PermissionDenied("Onbekend werkvoorraaditem.")
        services.item_afhandelen(
            user=request.user,
            soort=form.cleaned_data["soort"],
            object_id=form.cleaned_data["object_id"],
            voor_partij=form.cleaned_data["voor"] == "partij",
        )
        messages.success(
            request, "Afgehandeld: het staat niet meer in de werkvoorraad."
        )
        return _terug(request, "start")


class MeldingListView(PartijMixin, SorteerbareLijstMixin, ListView):
    template_name = "meldingen/melding_list.html"
    context_object_name = "meldingen"
    paginate_by = 50
    sorteer_velden = {
        "gelezen": "gelezen_op",
        "soort": "soort",
        "uiterlijk": "uiterlijk",
        "sinds": "aangemaakt_op",
    }

    def get_queryset(self):
        qs = selectors.melding_list(user=self.request.user)
        if self.request.GET.get("ongelezen"):
            qs = qs.filter(gelezen_op__isnull=True)
        return sorteer(qs, self.sorteer_velden, self.sortering())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "aantal_ongelezen": selectors.aantal_ongelezen(user=self.request.user),
            "alleen_ongelezen": bool(self.request.GET.get("ongelezen")),
        }


class MeldingGelezenView(PartijMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        melding = get_object_or_404(selectors.melding_list(user=request.user), pk=pk)
        gelezen = request.POST.get("gelezen", "1") == "1"
        services.melding_markeren(user=request.user, melding=melding, gelezen=gelezen)
        return _terug(request, "meldingen:melding-list")


class AllesGelezenView(PartijMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        services.meldingen_gelezen_markeren(user=request.user)
        return redirect("meldingen:melding-list")


class VoorkeurenView(PartijMixin, FormView):
    template_name = "meldingen/voorkeuren.html"

    def get_form(self, form_class=None):
        user = self.request.user
        return VoorkeurenForm(
            self.request.POST or None,
            soorten=selectors.soorten_voor(user),
            initial_voorkeuren=selectors.voorkeuren_van(user=user),
        )

    def form_valid(self, form):
        services.voorkeuren_opslaan(
            user=self.request.user, voorkeuren=form.cleaned_data
        )
        messages.success(self.request, "Uw voorkeuren voor e-mail zijn opgeslagen.")
        return redirect("meldingen:voorkeuren")
