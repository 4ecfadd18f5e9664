"""What the screens of toewijzingen share: roles, URLs, the service form and the
scoped lookups of a toewijzing and a cliënt."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from core.constants import Rol
from core.exceptions import ApplicationError
from core.views import ObjectMixin, RolVereistMixin
from toewijzingen import selectors
from toewijzingen.models import Client, Toewijzing

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
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, self.succes)
        return redirect(url)


class ToewijzingMixin(ObjectMixin):
    def vind(self, user, pk):
        try:
            return selectors.toewijzing_detail(user=user, pk=pk)
        except Toewijzing.DoesNotExist as exc:
            raise Http404("Deze toewijzing bestaat niet of is niet van u.") from exc


class ClientMixin(ObjectMixin):
    def vind(self, user, pk):
        return get_object_or_404(Client.objects.visible_to(user), pk=pk)
