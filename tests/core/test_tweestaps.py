"""Two-factor login (TOTP, django-otp): setting it up, logging in with it, switching off."""

import re
from base64 import b32encode
from datetime import timedelta

from django.utils import timezone

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.tweestaps.services import herstelcode_hash, nieuwe_herstelcodes
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord"  # tests/factories.py UserFactory
INSTELLEN = "/tweestapsverificatie/"
HERSTELCODES = "/tweestapsverificatie/herstelcodes/"


def code(device: TOTPDevice) -> str:
    """The code the app on the user's phone shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def onjuiste_code(device: TOTPDevice) -> str:
    """A well-formed code that no time step within the tolerance accepts."""
    geldig = {
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + d):06d}"
        for d in range(-device.tolerance, device.tolerance + 1)
    }
    return next(c for c in ("000000", "123456", "654321", "999999") if c not in geldig)


def apparaat(user, **kwargs) -> TOTPDevice:
    kwargs.setdefault("confirmed", True)
    return TOTPDevice.objects.create(user=user, name="telefoon", **kwargs)


def is_ingelogd(client) -> bool:
    return "_auth_user_id" in client.session


def wachtwoord_invullen(client, user, next_url=None):
    data = {"username": user.username, "password": WACHTWOORD}
    if next_url:
        data["next"] = next_url
    return client.post("/inloggen/", data)


def geheim(device: TOTPDevice) -> str:
    tekst = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def geverifieerd_inloggen(client, user, device):
    """A session as after the code step (without spending a code)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


# Switching it on


def test_setup_page_shows_qr_code_and_secret_and_link_in_menu(gemeente_client):
    response = gemeente_client.get(INSTELLEN)
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=gemeente_client.user)
    assert not device.confirmed
    assert '<img src="data:image/svg+xml' in page
    assert geheim(device) in page
    assert 'href="/tweestapsverificatie/"' in page  # the user menu
    # The QR code is a data: image, which the CSP allows; no inline script or style.
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy
    assert "<script" not in page and "style=" not in page
    # Reloading keeps the same key, so a scanned code stays valid.
    assert geheim(device) in gemeente_client.get(INSTELLEN).content.decode()
    assert TOTPDevice.objects.filter(user=gemeente_client.user).count() == 1


def test_switching_on_with_a_valid_code(gemeente_client):
    gemeente_client.get(INSTELLEN)
    device = TOTPDevice.objects.get(user=gemeente_client.user)
    response = gemeente_client.post(INSTELLEN, {"code": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # This session counts as verified: pages stay reachable.
    assert gemeente_client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    page = gemeente_client.get("/").content.decode()
    assert "Tweestapsverificatie staat aan." in page  # the message
    assert (
        "Tweestapsverificatie uitzetten"
        in gemeente_client.get(INSTELLEN).content.decode()
    )


@pytest.mark.parametrize("onjuist", ["onjuist", "12345", "abcdef", ""])
def test_switching_on_refuses_a_wrong_code(gemeente_client, onjuist):
    gemeente_client.get(INSTELLEN)
    device = TOTPDevice.objects.get(user=gemeente_client.user)
    waarde = onjuiste_code(device) if onjuist == "onjuist" else onjuist
    response = gemeente_client.post(INSTELLEN, {"code": waarde})
    assert response.status_code == 200
    page = response.content.decode()
    assert "De code is onjuist" in page or "zescijferige code" in page
    device.refresh_from_db()
    assert not device.confirmed


# Logging in


def test_login_without_device_is_unchanged(client):
    user = gemeente_user()
    response = wachtwoord_invullen(client, user)
    assert response.status_code == 302 and response.url == "/"
    assert is_ingelogd(client)


def test_login_with_device_needs_a_valid_code(client):
    user = gemeente_user()
    device = apparaat(user)
    response = wachtwoord_invullen(client, user, next_url="/stamgegevens/contracten/")
    assert response.status_code == 302 and response.url == "/inloggen/code/"
    assert not is_ingelogd(client)
    assert client.get("/").status_code == 302  # not in yet

    page = client.get("/inloggen/code/").content.decode()
    assert "Code invullen" in page

    response = client.post("/inloggen/code/", {"code": code(device)})
    assert response.status_code == 302
    assert response.url == "/stamgegevens/contracten/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/").status_code == 200
    # The same code cannot be used twice (django-otp keeps the last time step).
    device.refresh_from_db()
    assert device.last_t >= 0


def test_login_with_device_refuses_a_wrong_code(client):
    user = gemeente_user()
    device = apparaat(user)
    wachtwoord_invullen(client, user)
    response = client.post("/inloggen/code/", {"code": onjuiste_code(device)})
    assert response.status_code == 200
    assert "De code is onjuist of verlopen" in response.content.decode()
    assert not is_ingelogd(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_login_with_device_refuses_no_code(client):
    user = gemeente_user()
    apparaat(user)
    wachtwoord_invullen(client, user)
    response = client.post("/inloggen/code/", {})
    assert response.status_code == 200
    assert "Vul de zescijferige code uit de app in." in response.content.decode()
    assert not is_ingelogd(client)


def test_code_step_needs_the_password_step_first(client):
    response = client.get("/inloggen/code/")
    assert response.status_code == 302 and response.url == "/inloggen/"
    assert client.post("/inloggen/code/", {"code": "123456"}).url == "/inloggen/"


def test_code_step_expires(client):
    user = gemeente_user()
    device = apparaat(user)
    wachtwoord_invullen(client, user)
    session = client.session
    session["tweestaps_wachtend"]["sinds"] -= 6 * 60
    session.save()
    response = client.post("/inloggen/code/", {"code": code(device)})
    assert response.status_code == 302 and response.url == "/inloggen/"
    assert not is_ingelogd(client)


def test_device_throttles_codes_after_a_failure(client):
    user = gemeente_user()
    device = apparaat(user)
    wachtwoord_invullen(client, user)
    client.post("/inloggen/code/", {"code": onjuiste_code(device)})
    # Within the back-off even the right code is refused, with a clear message.
    response = client.post("/inloggen/code/", {"code": code(device)})
    assert "Te veel onjuiste codes" in response.content.decode()
    assert not is_ingelogd(client)
    # After the back-off the right code works.
    device.refresh_from_db()
    device.throttling_failure_timestamp = timezone.now() - timedelta(seconds=5)
    device.save()
    response = client.post("/inloggen/code/", {"code": code(device)})
    assert response.status_code == 302 and is_ingelogd(client)


def test_wrong_codes_count_for_the_login_throttle(client):
    user = gemeente_user()
    device = apparaat(user)
    wachtwoord_invullen(client, user)
    for _ in range(5):
        response = client.post("/inloggen/code/", {"code": onjuiste_code(device)})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    # Also the password step is now blocked for this user.
    blocked = wachtwoord_invullen(client, user)
    assert blocked.status_code == 429
    assert not is_ingelogd(client)


def test_password_throttle_still_works_for_users_with_a_device(client):
    user = gemeente_user()
    apparaat(user)
    for _ in range(5):
        client.post("/inloggen/", {"username": user.username, "password": "fout"})
    assert wachtwoord_invullen(client, user).status_code == 429


def test_session_without_code_step_is_ended(client):
    """A login that skipped the code step (say, another login form) is not accepted."""
    user = beheerder_user()
    apparaat(user)
    client.force_login(user)
    response = client.get("/beheer/")
    assert response.status_code == 302 and response.url.startswith("/inloggen/")
    assert not is_ingelogd(client)


def test_admin_login_form_goes_through_our_login(client):
    response = client.get("/beheer/login/?next=/beheer/core/user/")
    assert response.status_code == 302
    assert response.url == "/inloggen/?next=%2Fbeheer%2Fcore%2Fuser%2F"


# Switching it off


def test_switching_off_needs_a_valid_code(client):
    user = aanbieder_user()
    device = apparaat(user)
    geverifieerd_inloggen(client, user, device)

    assert "Tweestapsverificatie uitzetten" in client.get(INSTELLEN).content.decode()
    response = client.post(INSTELLEN, {"code": onjuiste_code(device)})
    assert response.status_code == 200
    assert "De code is onjuist" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    device.refresh_from_db()
    device.throttle_reset()
    assert client.post(INSTELLEN, {"code": ""}).status_code == 200
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    response = client.post(INSTELLEN, {"code": code(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/").status_code == 200  # still logged in, now without 2FA
    # The next login needs no code.
    client.logout()
    assert wachtwoord_invullen(client, user).url == "/"


# The setting TWEESTAPS_VERPLICHT_VOOR_GEMEENTE


def test_setting_sends_gemeente_users_to_setup(client, settings):
    settings.TWEESTAPS_VERPLICHT_VOOR_GEMEENTE = True
    user = gemeente_user()
    response = wachtwoord_invullen(client, user, next_url="/stamgegevens/contracten/")
    assert is_ingelogd(client)
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url.startswith(INSTELLEN)
    for pad in ("/", "/toewijzingen/", "/api/docs/"):
        assert client.get(pad).url.startswith(INSTELLEN), pad
    page = client.get(INSTELLEN).content.decode()
    assert "verplicht" in page

    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        INSTELLEN, {"code": code(device), "next": "/stamgegevens/contracten/"}
    )
    # First the recovery codes, then on to where the user was going.
    assert response.url == HERSTELCODES
    assert (
        'href="/stamgegevens/contracten/"' in client.get(HERSTELCODES).content.decode()
    )
    assert client.get("/").status_code == 200
    # Switching off is not possible while it is required.
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    response = client.post(INSTELLEN, {"code": code(device)})
    assert "verplicht" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_setting_does_not_force_aanbieder_users(client, settings):
    settings.TWEESTAPS_VERPLICHT_VOOR_GEMEENTE = True
    user = aanbieder_user()
    wachtwoord_invullen(client, user)
    assert client.get("/").status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_setting_is_off_by_default(gemeente_client):
    assert gemeente_client.get("/").status_code == 200


# Isolation


def test_another_users_device_is_never_shown_or_used(client):
    eigenaar = gemeente_user()
    ander = gemeente_user(gemeente=eigenaar.gemeente)
    client.force_login(eigenaar)
    client.get(INSTELLEN)
    device_eigenaar = TOTPDevice.objects.get(user=eigenaar)

    client.force_login(ander)
    page = client.get(INSTELLEN).content.decode()
    device_ander = TOTPDevice.objects.get(user=ander)
    assert geheim(device_eigenaar) not in page
    assert geheim(device_ander) in page
    # The owner's code does not switch it on for the other user, nor for the owner.
    response = client.post(INSTELLEN, {"code": code(device_eigenaar)})
    assert response.status_code == 200
    device_eigenaar.refresh_from_db()
    device_ander.refresh_from_db()
    assert not device_eigenaar.confirmed and not device_ander.confirmed

    # A confirmed device of the owner does not show as "on" for the other user.
    device_eigenaar.confirmed = True
    device_eigenaar.save()
    page = client.get(INSTELLEN).content.decode()
    assert "Tweestapsverificatie aanzetten" in page
    assert geheim(device_eigenaar) not in page


# Beheer


def test_admin_shows_who_has_two_factor_login(client):
    beheerder = beheerder_user()
    met = gemeente_user(username="met-tweestaps")
    gemeente_user(username="zonder-tweestaps")
    device = apparaat(met)
    apparaat(beheerder)
    geverifieerd_inloggen(client, beheerder, TOTPDevice.objects.get(user=beheerder))

    page = client.get("/beheer/core/user/?tweestaps=ja").content.decode()
    assert "met-tweestaps" in page and "zonder-tweestaps" not in page
    page = client.get("/beheer/core/user/?tweestaps=nee").content.decode()
    assert "zonder-tweestaps" in page and "met-tweestaps" not in page

    response = client.get("/beheer/otp_totp/totpdevice/")
    assert response.status_code == 200
    assert "met-tweestaps" in response.content.decode()
    detail = client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/")
    assert detail.status_code == 200
    assert device.key not in detail.content.decode()  # the secret stays hidden


# Recovery codes (herstelcodes)


def codes_op_pagina(page: str) -> list[str]:
    return re.findall(r"<code>([a-z2-7]{8})</code>", page)


def opgeslagen_codes(user) -> set[str]:
    """The stored tokens: hashes of the codes, never the codes."""
    return set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )


def gehasht(codes) -> list[str]:
    """What the database holds of these recovery codes."""
    return [herstelcode_hash(c) for c in codes]


def test_switching_on_shows_ten_recovery_codes_once(gemeente_client):
    user = gemeente_client.user
    gemeente_client.get(INSTELLEN)
    device = TOTPDevice.objects.get(user=user)
    response = gemeente_client.post(INSTELLEN, {"code": code(device)})
    assert response.status_code == 302 and response.url == HERSTELCODES

    response = gemeente_client.get(HERSTELCODES)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    page = response.content.decode()
    assert "Bewaar ze op een veilige plek" in page and "één keer" in page
    assert "Tweestapsverificatie staat aan." in page  # the message
    assert "<script" not in page and "style=" not in page
    getoond = codes_op_pagina(page)
    assert len(getoond) == 10 == len(set(getoond))
    assert set(gehasht(getoond)) == opgeslagen_codes(user)

    # Never again: the page goes back to "Tweestapsverificatie", which only counts them.
    response = gemeente_client.get(HERSTELCODES)
    assert response.status_code == 302 and response.url == INSTELLEN
    page = gemeente_client.get(INSTELLEN).content.decode()
    assert "U hebt nog 10 herstelcodes" in page
    assert not any(c in page for c in getoond)


def test_recovery_code_page_shows_nothing_without_new_codes(client):
    user = aanbieder_user()
    device = apparaat(user)
    nieuwe_herstelcodes(user)
    geverifieerd_inloggen(client, user, device)
    response = client.get(HERSTELCODES)
    assert response.status_code == 302 and response.url == INSTELLEN


def test_recovery_code_logs_in_once(client):
    user = gemeente_user()
    device = apparaat(user)
    codes = nieuwe_herstelcodes(user)
    herstel = StaticDevice.objects.get(user=user)

    wachtwoord_invullen(client, user, next_url="/stamgegevens/contracten/")
    assert "herstelcode" in client.get("/inloggen/code/").content.decode()
    # Typed with capitals and a space it is the same code.
    getypt = f"{codes[3][:4].upper()} {codes[3][4:].upper()}"
    response = client.post("/inloggen/code/", {"code": getypt})
    assert response.status_code == 302
    assert response.url == "/stamgegevens/contracten/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session[DEVICE_ID_SESSION_KEY] == herstel.persistent_id
    page = client.get("/").content.decode()  # verified: the portal is open
    assert (
        "U bent ingelogd met een herstelcode" in page and "nog 9 herstelcodes" in page
    )
    assert opgeslagen_codes(user) == set(gehasht(codes)) - {herstelcode_hash(codes[3])}
    assert "U hebt nog 9 herstelcodes" in client.get(INSTELLEN).content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # the app's device was not involved

    # A second time the same code is refused.
    client.logout()
    wachtwoord_invullen(client, user)
    response = client.post("/inloggen/code/", {"code": codes[3]})
    assert response.status_code == 200
    assert "De herstelcode is onjuist of al gebruikt." in response.content.decode()
    assert not is_ingelogd(client)


def test_wrong_recovery_code_is_refused_and_throttled(client):
    user = gemeente_user()
    apparaat(user)
    codes = nieuwe_herstelcodes(user)
    onjuist = next(c for c in ("aaaaaaaa", "bbbbbbbb", "cccccccc") if c not in codes)
    wachtwoord_invullen(client, user)

    response = client.post("/inloggen/code/", {"code": onjuist})
    assert response.status_code == 200
    assert "De herstelcode is onjuist of al gebruikt." in response.content.decode()
    assert not is_ingelogd(client)
    herstel = StaticDevice.objects.get(user=user)
    assert herstel.throttling_failure_count == 1
    # Within the back-off even a right code is refused and stays unused.
    response = client.post("/inloggen/code/", {"code": codes[0]})
    assert "Te veel onjuiste codes" in response.content.decode()
    assert not is_ingelogd(client)
    assert opgeslagen_codes(user) == set(gehasht(codes))
    # Something that is neither a code from the app nor a recovery code.
    response = client.post("/inloggen/code/", {"code": "abc"})
    assert "of een herstelcode in" in response.content.decode()


def test_wrong_recovery_codes_count_for_the_login_throttle(client):
    user = gemeente_user()
    apparaat(user)
    codes = nieuwe_herstelcodes(user)
    onjuist = next(c for c in ("aaaaaaaa", "bbbbbbbb", "cccccccc") if c not in codes)
    wachtwoord_invullen(client, user)
    for _ in range(5):
        response = client.post("/inloggen/code/", {"code": onjuist})
    assert response.status_code == 429
    assert wachtwoord_invullen(client, user).status_code == 429
    assert not is_ingelogd(client)


def test_new_recovery_codes_need_a_valid_code_and_replace_the_old(client):
    user = aanbieder_user()
    device = apparaat(user)
    oud = nieuwe_herstelcodes(user)
    geverifieerd_inloggen(client, user, device)

    page = client.get(INSTELLEN).content.decode()
    assert "Nieuwe herstelcodes maken" in page
    for waarde in (onjuiste_code(device), "", oud[0]):
        device.refresh_from_db()
        device.throttle_reset()
        response = client.post(
            INSTELLEN, {"actie": "herstelcodes", "herstel-code": waarde}
        )
        assert response.status_code == 200, waarde
        assert opgeslagen_codes(user) == set(gehasht(oud))
    assert (
        "De code is onjuist"
        in client.post(
            INSTELLEN, {"actie": "herstelcodes", "herstel-code": onjuiste_code(device)}
        ).content.decode()
    )
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        INSTELLEN, {"actie": "herstelcodes", "herstel-code": code(device)}
    )
    assert response.status_code == 302 and response.url == HERSTELCODES
    page = client.get(HERSTELCODES).content.decode()
    assert "Er zijn nieuwe herstelcodes gemaakt" in page
    nieuw = codes_op_pagina(page)
    assert len(nieuw) == 10 and set(gehasht(nieuw)) == opgeslagen_codes(user)
    assert not set(nieuw) & set(oud)
    assert StaticDevice.objects.filter(user=user).count() == 1
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    # An old code no longer logs in; a new one does.
    client.logout()
    wachtwoord_invullen(client, user)
    response = client.post("/inloggen/code/", {"code": oud[0]})
    assert response.status_code == 200 and not is_ingelogd(client)
    herstel = StaticDevice.objects.get(user=user)
    herstel.throttle_reset()
    response = client.post("/inloggen/code/", {"code": nieuw[0]})
    assert response.status_code == 302 and is_ingelogd(client)


def test_few_recovery_codes_left_gives_a_warning(client):
    user = aanbieder_user()
    device = apparaat(user)
    codes = nieuwe_herstelcodes(user)
    geverifieerd_inloggen(client, user, device)
    StaticToken.objects.filter(token__in=gehasht(codes[:7])).delete()
    page = client.get(INSTELLEN).content.decode()
    assert "U hebt nog 3 herstelcodes" in page and "Let op" not in page
    StaticToken.objects.filter(token__in=gehasht(codes[7:8])).delete()
    page = client.get(INSTELLEN).content.decode()
    assert "Let op:" in page and "nog 2 herstelcodes" in page
    # A user who switched it on before recovery codes existed has none: a warning too.
    StaticDevice.objects.filter(user=user).delete()
    page = client.get(INSTELLEN).content.decode()
    assert "Let op:" in page and "nog 0 herstelcodes" in page


def test_switching_off_removes_the_recovery_codes(client):
    user = aanbieder_user()
    device = apparaat(user)
    codes = nieuwe_herstelcodes(user)
    geverifieerd_inloggen(client, user, device)
    page = client.get(INSTELLEN).content.decode()
    assert "herstelcodes worden dan ook verwijderd" in page

    response = client.post(INSTELLEN, {"code": code(device)})
    assert response.status_code == 302
    assert not StaticDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(token__in=gehasht(codes)).exists()
    # Switching it on again gives a fresh set, not the old one.
    client.get(INSTELLEN)
    nieuw_apparaat = TOTPDevice.objects.get(user=user)
    client.post(INSTELLEN, {"code": code(nieuw_apparaat)})
    nieuw = codes_op_pagina(client.get(HERSTELCODES).content.decode())
    assert len(nieuw) == 10 and not set(nieuw) & set(codes)


def test_another_users_recovery_codes_never_work(client):
    eigenaar = gemeente_user()
    ander = gemeente_user(gemeente=eigenaar.gemeente)
    apparaat(eigenaar)
    device_ander = apparaat(ander)
    codes_eigenaar = nieuwe_herstelcodes(eigenaar)

    # The other user has no recovery codes of their own yet.
    wachtwoord_invullen(client, ander)
    response = client.post("/inloggen/code/", {"code": codes_eigenaar[0]})
    assert response.status_code == 200 and not is_ingelogd(client)

    # Nor when they have their own.
    codes_ander = nieuwe_herstelcodes(ander)
    for c in codes_eigenaar[1:4]:
        StaticDevice.objects.filter(user=ander).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
        response = client.post("/inloggen/code/", {"code": c})
        assert response.status_code == 200 and not is_ingelogd(client)
    assert opgeslagen_codes(eigenaar) == set(gehasht(codes_eigenaar))
    assert opgeslagen_codes(ander) == set(gehasht(codes_ander))

    # The other user's page counts only their own codes and never shows any code.
    geverifieerd_inloggen(client, ander, device_ander)
    StaticToken.objects.filter(token__in=gehasht(codes_ander[:5])).delete()
    page = client.get(INSTELLEN).content.decode()
    assert "U hebt nog 5 herstelcodes" in page
    assert not any(c in page for c in codes_eigenaar + codes_ander)


def test_admin_column_is_about_the_app_not_recovery_codes(client):
    beheerder = beheerder_user()
    apparaat(beheerder)
    alleen_codes = gemeente_user(username="alleen-herstelcodes")
    nieuwe_herstelcodes(alleen_codes)  # left over, without a confirmed TOTP device
    met = gemeente_user(username="met-tweestaps")
    apparaat(met)
    codes = nieuwe_herstelcodes(met)
    geverifieerd_inloggen(client, beheerder, TOTPDevice.objects.get(user=beheerder))

    page = client.get("/beheer/core/user/?tweestaps=ja").content.decode()
    assert "met-tweestaps" in page and "alleen-herstelcodes" not in page
    page = client.get("/beheer/core/user/?tweestaps=nee").content.decode()
    assert "alleen-herstelcodes" in page and "met-tweestaps" not in page
    # The recovery codes themselves stay hidden in the admin.
    herstel = StaticDevice.objects.get(user=met)
    detail = client.get(f"/beheer/otp_static/staticdevice/{herstel.pk}/change/")
    assert detail.status_code == 200
    assert not any(c in detail.content.decode() for c in codes)


def test_recovery_codes_are_stored_hashed_and_the_hash_does_not_log_in(client):
    user = aanbieder_user()
    apparaat(user)
    codes = nieuwe_herstelcodes(user)
    opgeslagen = opgeslagen_codes(user)
    assert not opgeslagen & set(codes)
    assert all(re.fullmatch(r"[0-9a-f]{16}", t) for t in opgeslagen)
    # What the database holds is no code: it is refused at the code step.
    wachtwoord_invullen(client, user)
    gestolen = sorted(opgeslagen)[0]
    response = client.post("/inloggen/code/", {"code": gestolen})
    assert response.status_code == 200 and not is_ingelogd(client)
    # The code itself works once.
    StaticDevice.objects.filter(user=user).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = client.post("/inloggen/code/", {"code": codes[0]})
    assert response.status_code == 302 and is_ingelogd(client)
    assert herstelcode_hash(codes[0]) not in opgeslagen_codes(user)


def test_plain_recovery_codes_of_before_are_hashed_by_the_migration():
    from importlib import import_module

    from django.apps import apps

    migratie = import_module("core.migrations.0005_herstelcodes_gehasht")
    user = aanbieder_user()
    device = StaticDevice.objects.create(user=user, name="Herstelcodes")
    oud = StaticToken.objects.create(device=device, token="abcdefgh")
    al_gehasht = StaticToken.objects.create(
        device=device, token=herstelcode_hash("ijklmnop")
    )
    migratie.hashen(apps, None)
    oud.refresh_from_db()
    al_gehasht.refresh_from_db()
    assert oud.token == herstelcode_hash("abcdefgh")
    assert al_gehasht.token == herstelcode_hash("ijklmnop")  # not hashed twice
