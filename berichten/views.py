from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView, FormView

from berichten import kanaal, selectors, services, taken as berichten_taken
from berichten.constants import BerichtStatus, Kanaal
from berichten.filters import BerichtFilter
from berichten.forms import UploadForm
from berichten.models import Bericht
from core import taken
from core.exceptions import ApplicationError
from core.privacy import bsn_inzage_loggen
from core.views import FilteredListView, RolVereistMixin


def xml_download(bericht: Bericht) -> HttpResponse:
    """The raw message bytes as a file download (also used by the API)."""
    response = HttpResponse(bericht.xml, content_type="application/xml")
    naam = selectors.bestandsnaam(bericht)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


def bericht_inzage_loggen(request, bericht: Bericht) -> None:
    """The message shows its BSNs in full: the view is logged (core.privacy)."""
    bsn_inzage_loggen(user=request.user, bsn=selectors.bsns(bericht), waar=request.path)


class BerichtListView(FilteredListView):
    template_name = "berichten/bericht_list.html"
    filterset_class = BerichtFilter
    selector = selectors.bericht_list
    paginate_by = 50
    sorteer_velden = {
        "datum": "aangemaakt_op",
        "richting": "richting",
        "bericht": "bericht_type",
        "identificatie": "identificatie",
        "gemeente": "gemeente__naam",
        "aanbieder": "aanbieder__naam",
        "status": "status",
        "retour": "retour_uiterlijk",
    }


class BerichtDetailView(RolVereistMixin, DetailView):
    template_name = "berichten/bericht_detail.html"

    def get_queryset(self):
        return selectors.bericht_detail_queryset(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bericht = self.object
        bericht_inzage_loggen(self.request, bericht)
        context["regels"] = selectors.regels(bericht.xml)
        context["xml_tekst"] = bericht.xml.decode("utf-8", errors="replace")
        context["bevindingen"] = selectors.bevindingen(bericht)
        context["retourcodes"] = selectors.retourcodes(bericht)
        context["mag_opnieuw"] = selectors.mag_opnieuw_verwerken(
            self.request.user, bericht
        )
        return context


class BerichtDownloadView(RolVereistMixin, View):
    def get(self, request, pk: int):
        bericht = get_object_or_404(
            selectors.bericht_detail_queryset(user=request.user), pk=pk
        )
        bericht_inzage_loggen(request, bericht)
        return xml_download(bericht)


class BerichtOpnieuwView(RolVereistMixin, View):
    """Retry a message that failed or waits too long: as a background job."""

    def post(self, request, pk: int):
        bericht = get_object_or_404(selectors.bericht_list(user=request.user), pk=pk)
        if not selectors.mag_opnieuw_verwerken(request.user, bericht):
            raise PermissionDenied(
                "Alleen een bericht met status 'fout' of dat te lang wacht kan opnieuw worden verwerkt, door de ontvanger, de gemeente of een beheerder."
            )
        try:
            taak = services.bericht_opnieuw_verwerken(
                bericht=bericht, user=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(bericht.get_absolute_url())
        return redirect(taak.get_absolute_url())


class BerichtUploadView(RolVereistMixin, FormView):
    template_name = "berichten/bericht_upload.html"
    form_class = UploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        """Store every file now (a refused one too, with its reason); process
        the others as one background job whose page lists every file."""
        user = self.request.user
        try:
            namens = kanaal.insturende_partij(user, form.cleaned_data.get("namens", ""))
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        bericht_ids = []
        for bestand in form.cleaned_data["bestanden"]:
            bericht = services.bericht_opslaan(
                inhoud=bestand.read(),
                kanaal=Kanaal.UPLOAD,
                namens=namens,
                user=user,
                bestandsnaam=bestand.name,
            )
            if bericht.status == BerichtStatus.GEWEIGERD:
                messages.error(
                    self.request, f"{bestand.name} is geweigerd: {bericht.foutmelding}"
                )
            bericht_ids.append(bericht.pk)
        taak = taken.taak_starten(
            user=user,
            soort=f"{len(bericht_ids)} ingestuurde bericht(en) verwerken",
            functie=berichten_taken.berichten_verwerken,
            bericht_ids=bericht_ids,
        )
        return redirect(taak.get_absolute_url())
