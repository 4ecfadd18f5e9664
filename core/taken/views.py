"""The user's background jobs: list, status page (progress bar), status.json, download.

Every lookup starts from `taken.taak_list(user=...)`: another user's job is a 404.
"""

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, ListView

from core import taken
from core.exceptions import ApplicationError
from core.views import RolVereistMixin


class TaakMixin(RolVereistMixin):
    def get_queryset(self):
        return taken.taak_list(user=self.request.user)


class TaakListView(TaakMixin, ListView):
    template_name = "core/taak_list.html"
    context_object_name = "taken"
    paginate_by = 50


class TaakDetailView(TaakMixin, DetailView):
    template_name = "core/taak_detail.html"
    context_object_name = "taak"


def status(taak) -> dict:
    download = reverse("taken:taak-download", args=[taak.pk]) if taak.bestand else None
    return {
        "status": taak.status,
        "status_tekst": taak.get_status_display(),
        "voortgang": taak.voortgang,
        "gedaan": taak.gedaan,
        "totaal": taak.totaal,
        "melding": taak.melding,
        "afgelopen": taak.is_afgelopen,
        "download": download,
    }


class TaakStatusView(TaakMixin, View):
    def get(self, request, pk: int):
        taak = get_object_or_404(self.get_queryset(), pk=pk)
        response = JsonResponse(status(taak))
        response["Cache-Control"] = "no-store"
        return response


class TaakDownloadView(TaakMixin, View):
    def get(self, request, pk: int):
        taak = get_object_or_404(self.get_queryset(), pk=pk)
        if not taak.bestand:
            raise Http404("Deze taak heeft (nog) geen bestand.")
        naam = taak.resultaat.get("bestandsnaam") or Path(taak.bestand.name).name
        return FileResponse(
            taak.bestand.open("rb"),
            as_attachment=True,
            filename=naam,
            content_type=taak.resultaat.get("content_type"),
        )


class TaakOpnieuwView(TaakMixin, View):
    """Start a failed or interrupted job again (as a new job with the same work)."""

    def post(self, request, pk: int):
        taak = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            taak = taken.taak_opnieuw_starten(taak=taak, user=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect(taak.get_absolute_url())
