"""BSN handling: masked everywhere except where a person needs the full number,
and every full view logged."""

from django.utils.cache import add_never_cache_headers

from core.models import BsnInzage


def mask_bsn(bsn: str | None) -> str:
    """'123456782' -> '*****6782'; lists never show more."""
    if not bsn:
        return ""
    return "*" * (len(bsn) - 4) + bsn[-4:]


def bsn_inzage_loggen(*, user, bsn: str, waar: str) -> None:
    if bsn:
        BsnInzage.objects.create(gebruiker=user, bsn=bsn, waar=waar[:255])


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
