from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, FormView, RedirectView

from core.constants import Rol
from core.exceptions import ApplicationError
from core.views import FilteredListView, RolVereistMixin
from stamgegevens import selectors, services
from stamgegevens.constants import WIJZIGBARE_VELDEN, WIJZIGING_OPEN, WijzigingStatus
from stamgegevens.filters import (
    AanbiederFilter,
    ContractFilter,
    ProductFilter,
    WijzigingsverzoekFilter,
)
from stamgegevens.forms import BeoordelingForm, IndexeringForm, WijzigingsverzoekForm
from stamgegevens.models import Aanbieder


class ContractListView(FilteredListView):
    template_name = "stamgegevens/contract_list.html"
    filterset_class = ContractFilter
    selector = selectors.contract_list
    sorteer_velden = {
        "nummer": "nummer",
        "aanbieder": "aanbieder__naam",
        "variant": "uitvoeringsvariant",
        "looptijd": ("begindatum", "einddatum"),
        "producten": "aantal_producten",
    }


class ContractDetailView(RolVereistMixin, DetailView):
    template_name = "stamgegevens/contract_detail.html"

    def get_queryset(self):
        return selectors.contract_detail_queryset(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historie"] = selectors.history_of(self.object)
        return context


class ContractIndexerenView(RolVereistMixin, FormView):
    """Indexeren: next period's tarieven for all products by a percentage, first
    shown as a preview, saved only with the second button (contract managers of
    the opdrachtgever; the service checks it)."""

    template_name = "stamgegevens/contract_indexeren.html"
    form_class = IndexeringForm
    vereiste_rollen = (Rol.GEMEENTE,)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.contract = get_object_or_404(
                selectors.contract_detail_queryset(user=request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(contract=self.contract, **kwargs)

    def form_valid(self, form):
        gegevens = {
            "contract": self.contract,
            "percentage": form.cleaned_data["percentage"],
            "ingangsdatum": form.cleaned_data["ingangsdatum"],
        }
        try:
            if self.request.POST.get("actie") == "opslaan":
                nieuw = services.contract_indexeren(user=self.request.user, **gegevens)
                messages.success(
                    self.request,
                    f"{len(nieuw)} nieuwe tarieven vastgelegd vanaf "
                    f"{gegevens['ingangsdatum']:%d-%m-%Y}.",
                )
                return redirect(self.contract.get_absolute_url())
            voorstel = services.indexering_voorstel(**gegevens)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        return render(
            self.request,
            self.template_name,
            self.get_context_data(form=form, voorstel=voorstel),
        )


class AanbiederListView(FilteredListView):
    template_name = "stamgegevens/aanbieder_list.html"
    filterset_class = AanbiederFilter
    selector = selectors.aanbieder_list
    vereiste_rollen = (Rol.GEMEENTE, Rol.BEHEERDER)
    sorteer_velden = {
        "agb": "agb_code",
        "naam": "naam",
        "plaats": "plaats",
        "kvk": "kvk_nummer",
    }


class AanbiederDetailView(RolVereistMixin, DetailView):
    template_name = "stamgegevens/aanbieder_detail.html"

    def get_queryset(self):
        return selectors.aanbieder_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historie"] = selectors.history_of(self.object)
        eigen = {"aanbieder": self.object.pk}
        context["contracten"] = selectors.contract_list(
            user=self.request.user, filters=eigen
        )
        context["wijzigingsverzoeken"] = selectors.wijzigingsverzoek_list(
            user=self.request.user, filters=eigen
        )[:10]
        return context


class MijnAanbiederView(RolVereistMixin, RedirectView):
    vereiste_rollen = (Rol.AANBIEDER,)

    def get_redirect_url(self, *args, **kwargs):
        return Aanbieder.objects.get(
            pk=self.request.user.aanbieder_id
        ).get_absolute_url()


class ProductListView(FilteredListView):
    template_name = "stamgegevens/product_list.html"
    filterset_class = ProductFilter
    selector = selectors.product_list
    paginate_by = 50
    sorteer_velden = {
        "categorie": ("categorie", "code"),
        "code": "code",
        "omschrijving": "omschrijving",
        "eenheid": "eenheid",
        "frequentie": "frequentie",
        "geldig": ("geldig_van", "geldig_tot"),
        "status": "status",
    }


class ProductDetailView(RolVereistMixin, DetailView):
    template_name = "stamgegevens/product_detail.html"

    def get_queryset(self):
        return selectors.product_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historie"] = selectors.history_of(self.object)
        return context


class WijzigingsverzoekListView(FilteredListView):
    template_name = "stamgegevens/wijzigingsverzoek_list.html"
    filterset_class = WijzigingsverzoekFilter
    selector = selectors.wijzigingsverzoek_list
    sorteer_velden = {
        "ingediend": "ingediend_op",
        "aanbieder": "aanbieder__naam",
        "status": "status",
        "beoordeeld": "beoordeeld_op",
        "ingangsdatum": "ingangsdatum",
    }


class WijzigingsverzoekCreateView(RolVereistMixin, FormView):
    template_name = "stamgegevens/wijzigingsverzoek_form.html"
    form_class = WijzigingsverzoekForm
    vereiste_rollen = (Rol.AANBIEDER,)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.aanbieder = Aanbieder.objects.get(pk=self.request.user.aanbieder_id)
        kwargs["aanbieder"] = self.aanbieder
        return kwargs

    def form_valid(self, form):
        try:
            verzoek = services.wijzigingsverzoek_indienen(
                user=self.request.user,
                aanbieder=self.aanbieder,
                wijzigingen=form.wijzigingen(),
                toelichting=form.cleaned_data["toelichting"],
                ingangsdatum=form.cleaned_data["ingangsdatum"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        except ValidationError as exc:
            for veld, fouten in exc.message_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
            return self.form_invalid(form)
        messages.success(
            self.request, "Uw wijzigingsverzoek is ingediend bij de gemeente."
        )
        return redirect(verzoek.get_absolute_url())


def _goedkeuring_melding(verzoek) -> str:
    if verzoek.status == WijzigingStatus.EERSTE_AKKOORD:
        return (
            "Uw akkoord is vastgelegd. Een wijziging van IBAN of AGB-code moet nog "
            "door een tweede contractmanager worden goedgekeurd (vier ogen)."
        )
    if verzoek.doorgevoerd_op:
        return "De wijziging is goedgekeurd en doorgevoerd."
    return (
        "De wijziging is goedgekeurd en gaat in op "
        f"{verzoek.ingangsdatum:%d-%m-%Y}; tot dan gelden de huidige gegevens."
    )


class WijzigingsverzoekDetailView(RolVereistMixin, FormView):
    template_name = "stamgegevens/wijzigingsverzoek_detail.html"
    form_class = BeoordelingForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.verzoek = get_object_or_404(
                selectors.wijzigingsverzoek_list(user=request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verzoek"] = self.verzoek
        context["regels"] = [
            {
                "label": WIJZIGBARE_VELDEN.get(veld, veld),
                "oud": self.verzoek.oude_waarden.get(veld, ""),
                "nieuw": nieuw,
            }
            for veld, nieuw in self.verzoek.wijzigingen.items()
        ]
        user = self.request.user
        context["mag_beoordelen"] = (
            user.rol in (Rol.GEMEENTE, Rol.BEHEERDER)
            and self.verzoek.status in WIJZIGING_OPEN
            and self.verzoek.eerste_akkoord_door_id != user.pk
        )
        context["wacht_op_tweede"] = (
            self.verzoek.status == WijzigingStatus.EERSTE_AKKOORD
            and self.verzoek.eerste_akkoord_door_id == user.pk
        )
        return context

    def form_valid(self, form):
        try:
            if form.cleaned_data["besluit"] == "goedkeuren":
                verzoek = services.wijzigingsverzoek_goedkeuren(
                    user=self.request.user,
                    verzoek=self.verzoek,
                    reden=form.cleaned_data["reden"],
                )
                messages.success(self.request, _goedkeuring_melding(verzoek))
            else:
                services.wijzigingsverzoek_afwijzen(
                    user=self.request.user,
                    verzoek=self.verzoek,
                    reden=form.cleaned_data["reden"],
                )
                messages.success(self.request, "Het wijzigingsverzoek is afgewezen.")
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        return redirect(self.verzoek.get_absolute_url())
