from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from core.constants import Rol
from core.tabellen import FORMATEN, tabel_exporteren
from core.views import RolVereistMixin
from rapportages import selectors, services, weergave
from rapportages.filters import RapportageFilter
from rapportages.forms import BudgetForm
from rapportages.models import Budget
from toewijzingen.selectors import signaal_list


class DashboardMixin(RolVereistMixin):
    vereiste_rollen = (Rol.GEMEENTE, Rol.AANBIEDER)

    def filter_en_tabellen(self):
        vandaag = timezone.localdate()
        filterset = RapportageFilter(
            self.request.GET, request=self.request, vandaag=vandaag
        )
        keuze = filterset.keuze()
        tabellen = weergave.tabellen_voor(
            user=self.request.user, keuze=keuze, vandaag=vandaag
        )
        return filterset, keuze, tabellen, vandaag


class DashboardView(DashboardMixin, TemplateView):
    """The dashboard of the user's role: figures, charts and tables of one year."""

    def get_template_names(self):
        if self.request.user.is_gemeente:
            return ["rapportages/gemeente.html"]
        return ["rapportages/aanbieder.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, keuze, tabellen, vandaag = self.filter_en_tabellen()
        context.update(
            filter=filterset,
            keuze=keuze,
            tabellen=tabellen,
            grafieken=[
                {"id": f"grafiek-{t.id}", "data": t.grafiek}
                for t in tabellen
                if t.grafiek
            ],
            querystring=self.request.GET.urlencode(),
        )
        if self.request.user.is_aanbieder:
            eindigend, aantal = selectors.eindigend(
                user=self.request.user, keuze=keuze, vandaag=vandaag
            )
            context.update(
                eindigend=eindigend,
                eindigend_aantal=aantal,
                open_signalen=signaal_list(user=self.request.user).count(),
            )
        return context


class ExportView(DashboardMixin, View):
    """The dashboard's tables as one Excel sheet (aggregates only, no cliënt data);
    by POST with the page's CSRF token, filtered by the page's URL parameters."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        _, keuze, tabellen, _ = self.filter_en_tabellen()
        inhoud = tabel_exporteren(
            weergave.als_dataset(tabellen, f"Rapportage {keuze.jaar}"), "xlsx"
        )
        antwoord = HttpResponse(inhoud, content_type=FORMATEN["xlsx"])
        antwoord["Content-Disposition"] = (
            f'attachment; filename="rapportage-{keuze.jaar}.xlsx"'
        )
        return antwoord


class BudgetView(RolVereistMixin, FormView):
    """The gemeente's budgets per contract and year."""

    template_name = "rapportages/budgetten.html"
    form_class = BudgetForm
    vereiste_rollen = (Rol.GEMEENTE,)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["budgetten"] = (
            Budget.objects.visible_to(self.request.user)
            .select_related("contract__aanbieder")
            .order_by("-jaar", "contract__nummer")
        )
        return context

    def form_valid(self, form):
        budget = services.budget_vastleggen(
            user=self.request.user,
            contract=form.cleaned_data["contract"],
            jaar=form.cleaned_data["jaar"],
            bedrag=services.euro_naar_cent(form.cleaned_data["bedrag"]),
        )
        messages.success(self.request, f"{budget} is vastgelegd.")
        return redirect("rapportages:budgetten")
