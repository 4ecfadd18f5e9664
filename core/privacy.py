"""BSN handling: masked everywhere except where a person needs the full number,
and every full view logged."""

from collections.abc import Iterable

from django.contrib.admin.utils import unquote
from django.utils.cache import add_never_cache_headers

from core.models import BsnInzage


def mask_bsn(bsn: str | None) -> str:
    """'123456782' -> '*****6782'; lists never show more."""
    if not bsn:
        return ""
    return "*" * (len(bsn) - 4) + bsn[-4:]


def bsn_inzage_loggen(*, user, bsn: str | Iterable[str], waar: str) -> None:
    """Log that `user` saw the full BSN (or each of several, once) at `waar`.

    The one way every page, download, API response and admin page that shows a
    full BSN records it (`core.BsnInzage`)."""
    bsns = {bsn} if isinstance(bsn, str) else set(bsn)
    BsnInzage.objects.bulk_create(
        BsnInzage(gebruiker=user, bsn=b[:9], waar=waar[:255]) for b in sorted(bsns) if b
    )


class BsnInzageAdminMixin:
    """An admin whose change page shows full BSNs: every view of it is logged, with
    the BSNs `bsns_van(obj)` names (by default the object's own `bsn`)."""

    def bsns_van(self, obj) -> Iterable[str]:
        return [obj.bsn]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                bsn_inzage_loggen(
                    user=request.user, bsn=self.bsns_van(obj), waar=request.path
                )
        return response


class GeenOpslagMiddleware:
    """Every response to a logged-in user may carry personal data: browsers and
    proxies must not keep it (`Cache-Control: no-store`). Pages for anonymous
    users (login, static files) keep their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        al_gezet = "no-store" in response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not al_gezet:
            add_never_cache_headers(response)
        return response
