"""Two-factor login: devices, recovery codes and the session state (see the package)."""

from django.conf import settings
from django.db import transaction
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
