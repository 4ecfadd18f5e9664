"""The start page: what each role works on first, from real data."""

from django.views.generic import TemplateView

from core.views import RolVereistMixin
from stamgegevens import selectors as stamgegevens
from stamgegevens.constants import ProductStatus, WijzigingStatus
from toewijzingen import selectors as toewijzingen
from toewijzingen.constants import ToewijzingStatus
from toewijzingen.signalen import eerste_signalen
from toewijzingen.views import signaal_regel


class StartView(RolVereistMixin, TemplateView):
    template_name = "core/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        contracten = stamgegevens.contract_detail_queryset(user=user)
        verzoeken = stamgegevens.wijzigingsverzoek_list(user=user)
        context.update(
            contracten=contracten[:20],
            aantal_contracten=contracten.count(),
            open_verzoeken=verzoeken.filter(status=WijzigingStatus.INGEDIEND)[:10],
            producten_per_status={
                status.label: stamgegevens.product_list(user=user)
                .filter(status=status)
                .count()
                for status in ProductStatus
            },
        )
        if user.is_gemeente or user.is_aanbieder:
            signalen, aantal_signalen = eerste_signalen(user, 10)
            context.update(
                signalen=[signaal_regel(s) for s in signalen],
                aantal_signalen=aantal_signalen,
                aantal_open_toewijzingsverzoeken=toewijzingen.verzoek_list(
                    user, {"open": True}
                ).count(),
                aantal_nieuwe_toewijzingen=toewijzingen.toewijzing_list(
                    user, {"status": ToewijzingStatus.NIEUW}
                ).count(),
            )
        if user.is_aanbieder:
            context["aanbieder"] = user.aanbieder
        if user.is_gemeente:
            context["gemeente"] = user.gemeente
        return context
