"""Two-factor login (TOTP, django-otp): the rules that hold on every request.

- A user with a confirmed device is only logged in after a valid code
  (`core/tweestaps_views.py`); a session that got in some other way (for instance
  through the admin's own login form) is ended.
- With `TWEESTAPS_VERPLICHT_VOOR_GEMEENTE` a gemeente user without a confirmed device
  can use nothing but the setup page (and logging out) until it is set up.

Whether the user has a device is kept in the session from the moment of login, so
ordinary requests cost no extra query.

Recovery codes (herstelcodes) are django-otp's static plugin: one `StaticDevice` per
user with single-use `StaticToken`s, made when TOTP is confirmed and replaced on
request. They only count next to a confirmed TOTP device (which is what "two-factor
login is on" means everywhere, the admin included). A token holds not the code but
its keyed hash (`herstelcode_hash`): whoever reads the database cannot log in with
it. The key derives from SECRET_KEY, so a new SECRET_KEY voids the codes (the app's
codes still work, and new recovery codes can be made).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import salted_hmac

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

# Session keys.
SESSIE_HEEFT_APPARAAT = "tweestaps_heeft_apparaat"
SESSIE_WACHTEND = "tweestaps_wachtend"
# New recovery codes, until the page that shows them once has been seen.
SESSIE_HERSTELCODES = "tweestaps_herstelcodes"

AANTAL_HERSTELCODES = 10
HASH_SLEUTEL = "wmo-portaal.tweestaps.herstelcode"
# At this many remaining codes or fewer the page "Tweestapsverificatie" warns.
HERSTELCODES_WAARSCHUWING = 2


def bevestigd_apparaat(user) -> TOTPDevice | None:
    """The user's confirmed TOTP device, or None (two-factor login is off)."""
    return (
        TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
    )


def heeft_apparaat(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def herstelcodes_apparaat(user) -> StaticDevice | None:
    """The user's container of recovery codes, or None (no codes made yet)."""
    return (
        StaticDevice.objects.devices_for_user(user, confirmed=True)
        .order_by("pk")
        .first()
    )


def herstelcode_hash(code: str) -> str:
    """What is stored of a recovery code: an HMAC-SHA256 keyed by SECRET_KEY, as 16
    hex characters (the size of StaticToken.token). The codes are random (40 bits),
    so a keyed hash needs no salt or slow function; without the key no code can be
    tried against it."""
    return salted_hmac(HASH_SLEUTEL, code, algorithm="sha256").hexdigest()[:16]


def aantal_herstelcodes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def nieuwe_herstelcodes(user) -> list[str]:
    """Replace the user's recovery codes by `AANTAL_HERSTELCODES` new ones; returns them.

    The device itself stays (with its throttling state), so a session that was
    verified with an old code stays valid.
    """
    with transaction.atomic():
        device = herstelcodes_apparaat(user)
        if device is None:
            device = StaticDevice.objects.create(
                user=user, name="Herstelcodes", confirmed=True
            )
        device.token_set.all().delete()
        codes: list[str] = []
        while len(codes) < AANTAL_HERSTELCODES:
            nieuw = StaticToken.random_token()
            if nieuw not in codes:
                codes.append(nieuw)
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=herstelcode_hash(c)) for c in codes
        )
    return codes


def herstelcodes_verwijderen(user) -> None:
    StaticDevice.objects.filter(user=user).delete()


def is_verplicht(user) -> bool:
    """Must this user set up two-factor login before using the portal?"""
    return bool(settings.TWEESTAPS_VERPLICHT_VOOR_GEMEENTE) and user.is_gemeente


def sessie_bijwerken(request, *, heeft: bool) -> None:
    request.session[SESSIE_HEEFT_APPARAAT] = heeft
    if not heeft:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)


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
