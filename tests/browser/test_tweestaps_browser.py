import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.core.factories import gemeente_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_switch_on_two_factor_login_and_log_in_with_a_code(page, live_server):
    user = gemeente_user(username="contractmanager")
    csp_fouten = []
    page.on(
        "console",
        lambda bericht: (
            csp_fouten.append(bericht.text)
            if "Content Security Policy" in bericht.text
            else None
        ),
    )

    def wachtwoord():
        page.goto(f"{live_server.url}/inloggen/")
        page.fill("#id_username", "contractmanager")
        page.fill("#id_password", "geheim-wachtwoord")
        page.click("button[type=submit]")
        page.wait_for_load_state()

    wachtwoord()
    page.get_by_role("link", name="Tweestapsverificatie").click()
    qr = page.locator("img.qr-code")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    device = TOTPDevice.objects.get(user=user)
    page.fill("#id_code", _code(device))
    page.click("text=Tweestapsverificatie aanzetten")
    assert page.get_by_text("Tweestapsverificatie staat aan.").is_visible()
    # The recovery codes, shown this once.
    assert page.locator("h1").inner_text() == "Herstelcodes"
    codes = page.locator("ul.herstelcodes code").all_inner_texts()
    assert len(codes) == 10
    page.click("text=Ik heb de herstelcodes bewaard")
    assert page.get_by_text("U hebt nog 10 herstelcodes").is_visible()

    page.click("text=Uitloggen")
    wachtwoord()
    assert page.locator("h1").inner_text() == "Code invullen"
    page.fill("#id_code", "000000" if _code(device) != "000000" else "111111")
    page.click("button[type=submit]")
    assert page.get_by_text("De code is onjuist of verlopen").is_visible()
    # Phone lost: a recovery code logs in (the app's back-off does not apply to it).
    page.fill("#id_code", codes[0])
    page.click("button[type=submit]")
    assert page.get_by_text("U bent ingelogd met een herstelcode").is_visible()
    page.get_by_role("link", name="Tweestapsverificatie").click()
    assert page.get_by_text("U hebt nog 9 herstelcodes").is_visible()
    assert not csp_fouten, csp_fouten
