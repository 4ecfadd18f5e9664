"""Two-factor login on every request, and the login signal that records whether
the user has a device (see the package docstring)."""

from urllib.parse import urlencode

from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from core.tweestaps.services import (
    SESSIE_HEEFT_APPARAAT,
    SESSIE_WACHTEND,
    heeft_apparaat,
    is_verplicht,
)


@receiver(user_logged_in, dispatch_uid="tweestaps_bij_inloggen")
def _bij_inloggen(sender, request, user, **kwargs):
    """Every login (ours, the admin's, a test client's) records the device state."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSIE_WACHTEND, None)
        request.session[SESSIE_HEEFT_APPARAAT] = heeft_apparaat(user)


class TweestapsMiddleware:
    """After `OTPMiddleware` and `MessageMiddleware`; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._controleren(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _controleren(self, request, user):
        heeft = request.session.get(SESSIE_HEEFT_APPARAAT)
        if heeft is None:
            heeft = heeft_apparaat(user)
            request.session[SESSIE_HEEFT_APPARAAT] = heeft
        if heeft and not user.is_verified():
            # Logged in without the code step: not accepted.
            path = request.get_full_path()
            logout(request)
            return redirect_to_login(path)
        if not heeft and is_verplicht(user):
            instellen = reverse("tweestaps:instellen")
            if request.path not in (instellen, reverse("logout")):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{instellen}?{query}")
        return None
