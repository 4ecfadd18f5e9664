"""The start page: what each role works on first, from real data."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.views.generic import TemplateView

from berichten.models import Bericht
from berichten.wachtrij import wacht_te_lang_q
from core.views import RolVereistMixin
from stamgegevens import selectors as stamgegevens
from stamgegevens.constants import WIJZIGING_OPEN, ProductStatus
from toewijzingen import selectors as toewijzingen
from toewijzingen.constants import ToewijzingStatus


def _werkvoorraad_berekenen(user) -> dict:
    signalen = toewijzingen.signaal_list(user)
    return {
        "signalen": list(signalen[:10]),
        "aantal_signalen": signalen.count(),
        "aantal_open_toewijzingsverzoeken": toewijzingen.verzoek_list(
            user, {"open": True}
        ).count(),
        "aantal_nieuwe_toewijzingen": toewijzingen.toewijzing_list(
            user, {"status": ToewijzingStatus.NIEUW}
        ).count(),
        "aantal_berichten_vast": Bericht.objects.visible_to(user)
        .filter(wacht_te_lang_q())
        .count(),
        "werkvoorraad_van": timezone.localtime(),
    }


def werkvoorraad(user) -> dict:
    """The counts and first signals of the user's party, kept for
    START_CACHE_SECONDEN: every user lands here, and on a large gemeente the
    counts cost more than the rest of the page. Keyed by party, never shared."""
    sleutel = f"start:werkvoorraad:{user.rol}:{user.gemeente_id}:{user.aanbieder_id}"
    return cache.get_or_set(
        sleutel,
        lambda: _werkvoorraad_berekenen(user),
        timeout=settings.START_CACHE_SECONDEN,
    )


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
