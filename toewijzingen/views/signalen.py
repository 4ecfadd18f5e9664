"""Screens for the stored deadline signals."""

from types import SimpleNamespace

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import View

from core.exceptions import ApplicationError
from core.lists import sorteer
from core.views import FilteredListView, RolVereistMixin
from toewijzingen import forms, selectors, services
from toewijzingen.models import Signaal
from toewijzingen.views.basis import PARTIJEN

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
            selectors.signaal_list(user=self.request.user, filters=filters),
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
