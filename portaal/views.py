"""The start page: what each role works on first, from real data."""

from django.views.generic import TemplateView

from core.views import RolVereistMixin
from portaal.werkvoorraad import werkvoorraad
from stamgegevens import selectors as stamgegevens
from stamgegevens.constants import WIJZIGING_OPEN, ProductStatus

# A large gemeente has hundreds of contracts, each with its products and tarieven:
# the start page shows the first few in full, the list page has them all.
START_CONTRACTEN = 5


class StartView(RolVereistMixin, TemplateView):
    template_name = "portaal/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        contracten = stamgegevens.contract_detail_queryset(user=user)
        verzoeken = stamgegevens.wijzigingsverzoek_list(user=user)
        context.update(
            contracten=contracten[:START_CONTRACTEN],
            aantal_contracten=contracten.count(),
            open_verzoeken=verzoeken.filter(status__in=WIJZIGING_OPEN)[:10],
            producten_per_status={
                status.label: stamgegevens.product_list(user=user)
                .filter(status=status)
                .count()
                for status in ProductStatus
            },
        )
        if user.is_gemeente or user.is_aanbieder:
            context.update(werkvoorraad(user))
        if user.is_aanbieder:
            context["aanbieder"] = user.aanbieder
        if user.is_gemeente:
            context["gemeente"] = user.gemeente
        return context
