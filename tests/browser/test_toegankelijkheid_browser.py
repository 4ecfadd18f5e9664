"""WCAG 2.1 AA in the suite: axe-core on every page of every role, no sideways
scrolling at 375 px, and a keyboard-only walk of the main jobs.

The walk follows the portal's own links from the start page, as each role (and a
visitor who is not logged in) would, one page per URL route. A route that no role
reaches fails the test, so a new page is checked from the day it is added.
"""

from collections import Counter, deque
from datetime import date

import pytest

from core.models import Taak, User
from tests.browser import toegankelijkheid as a11y
from tests.toewijzingen.factories import geldig_bsn
from toewijzingen import services as toewijzingen_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMAL = {"width": 375, "height": 800}
BREED = {"width": 1280, "height": 900}
ROLLEN = ("gemeente", "aanbieder", "beheerder")
BSN = geldig_bsn(4343)


@pytest.fixture
def demo(db):
    from demo.declaraties import load_demo_declaraties
    from demo.stamgegevens import load_demo_data
    from demo.toewijzingen import load_demo_toewijzingen
    from portaal.signalen import signalen_vastleggen

    load_demo_data()
    load_demo_toewijzingen()
    load_demo_declaraties()
    signalen_vastleggen()
    from stamgegevens.services import wijzigingsverzoek_indienen

    medewerker = User.objects.get(username="aanbieder")
    wijzigingsverzoek_indienen(
        user=medewerker,
        aanbieder=medewerker.aanbieder,
        wijzigingen={"iban": "NL20INGB0001234567"},
        toelichting="Nieuwe bank",
    )
    # A cliënt with an address, as a toewijzing needs (TR061).
    toewijzingen_services.client_aanmaken(
        user=User.objects.get(username="gemeente"),
        bsn=BSN,
        geboortedatum=date(1950, 3, 3),
        geslacht="2",
        achternaam="Visser",
        voorletters="A",
        straat="Westerstraat",
        huisnummer=3,
        postcode="9231AB",
        plaats="Surhuisterveen",
    )
    for username in ROLLEN:
        Taak.objects.create(
            gebruiker=User.objects.get(username=username),
            soort="Export toewijzingen",
            functie="core.taken.voorbeeld",
            status=Taak.Status.KLAAR,
            melding="Klaar.",
        )


@pytest.fixture
def a11y_page(browser):
    # The test injects axe-core itself; the portal's CSP would refuse that script.
    context = browser.new_context(locale="nl-NL", viewport=BREED, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def declaratie_in_staat(username: str) -> None:
    """The demo's one declaratie in the state whose pages this role has: the gemeente
    assesses it (beoordelen), the aanbieder sees the proefdeclaratie of a concept."""
    from declaraties.constants import DeclaratieStatus
    from declaraties.models import Declaratie

    status = {
        "gemeente": DeclaratieStatus.TE_BEOORDELEN,
        "aanbieder": DeclaratieStatus.CONCEPT,
    }.get(username, DeclaratieStatus.BEANTWOORD)
    Declaratie.objects.update(status=status)


def rechtstreeks(username: str) -> list[str]:
    """Pages whose link shows only in a rare state, opened by URL: the gemeente
    confirms an overlijden (after a stop zorg with reden 02) and assigns care to the
    cliënt with contact data (the demo's cliënten have none, so their link leads to
    the cliënt form first)."""
    from toewijzingen.models import Client, Toewijzing

    if username != "gemeente":
        return []
    user = User.objects.get(username=username)
    toewijzing = Toewijzing.objects.visible_to(user).order_by("pk").first()
    client = Client.objects.get(bsn=BSN)
    return [
        f"/toewijzingen/{toewijzing.pk}/overlijden/",
        f"/toewijzingen/clienten/{client.pk}/toewijzing/",
    ]


def inloggen(page, basis: str, username: str) -> None:
    from demo.stamgegevens import DEMO_WACHTWOORD

    page.goto(f"{basis}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_WACHTWOORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def loop(page, basis: str, start: list[str], bezocht: dict) -> dict[str, list[str]]:
    """Visit one page per route reachable from `start`; problems per URL."""
    problemen = {}
    rij = deque(basis + url for url in start)
    eigen = set()
    pogingen = Counter()
    while rij:
        url = rij.popleft()
        route = a11y.route_van(url)
        # A page that sends this role on (the cliënt lacks contact data, "mijn" is
        # its own aanbieder) is tried on up to three URLs of its route.
        if route is None or route in eigen or pogingen[route] >= 3:
            continue
        pogingen[route] += 1
        page.set_viewport_size(BREED)
        antwoord = page.goto(url)
        page.wait_for_load_state()
        gevonden = []
        if antwoord is None or antwoord.status != 200:
            gevonden.append(f"HTTP {antwoord.status if antwoord else '?'}")
        if a11y.route_van(page.url) == route:
            eigen.add(route)
            bezocht.setdefault(route, url)
        gevonden += a11y.axe_fouten(page)
        if route != a11y.ADMIN_INDEX:
            page.set_viewport_size(SMAL)
            if a11y.scrollt_zijwaarts(page):
                gevonden.append(f"scrolls sideways at 375 px: {a11y.breedste(page)}")
            rij.extend(a11y.links(page, basis))
        if gevonden:
            problemen[url] = gevonden
    return problemen


def test_every_page_of_every_role_passes_axe_and_fits_375px(
    demo, a11y_page, live_server
):
    basis = live_server.url
    bezocht: dict[str, str] = {}
    problemen = {}
    # Not logged in: the login page, help and the accessibility statement.
    problemen |= loop(
        a11y_page, basis, ["/inloggen/", "/hulp/", "/toegankelijkheid/"], bezocht
    )
    for username in ROLLEN:
        a11y_page.context.clear_cookies()
        declaratie_in_staat(username)
        inloggen(a11y_page, basis, username)
        gevonden = loop(a11y_page, basis, ["/", *rechtstreeks(username)], bezocht)
        problemen |= {f"{username} {url}": p for url, p in gevonden.items()}

    niet_bereikt = sorted(a11y.html_routes() - set(bezocht))
    assert not problemen, "\n".join(
        f"{url}:\n  " + "\n  ".join(p) for url, p in problemen.items()
    )
    assert not niet_bereikt, (
        f"Pages no role reached by its links: {niet_bereikt}. Link them, give the "
        "demo fixture the data they need, or list a non-page in "
        "tests/browser/toegankelijkheid.py GEEN_PAGINA."
    )


def test_axe_check_finds_a_serious_violation(a11y_page):
    """The walk above is only worth something when axe-core runs and reports."""
    a11y_page.set_content(
        '<html lang="nl"><head><title>x</title></head><body><main>'
        '<p style="color:#999;background:#aaa">grijs op grijs</p>'
        "<button></button></main></body></html>"
    )
    fouten = a11y.axe_fouten(a11y_page)
    assert any(f.startswith("button-name") for f in fouten), fouten
    assert any(f.startswith("color-contrast") for f in fouten), fouten


# The calendar button inside a date field (Chrome) draws its own focus ring; the
# field itself then no longer matches :focus.
FOCUS_ZICHTBAAR = """() => {
    const e = document.activeElement;
    const s = getComputedStyle(e);
    const kalender = e.type === 'date' && !e.matches(':focus');
    const rand = kalender || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2);
    const r = e.getBoundingClientRect();
    return {rand, zichtbaar: r.width > 1 && r.height > 1,
            wat: e.tagName.toLowerCase() + ' ' + (e.innerText || e.name || e.id || '').slice(0, 40)};
}"""


def tab_tot(page, voorwaarde: str, hoe_vaak: int = 80) -> None:
    """Press Tab until `voorwaarde(document.activeElement)` holds; every stop shows its focus."""
    for _ in range(hoe_vaak):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_ZICHTBAAR)
        assert focus["rand"] and focus["zichtbaar"], f"focus not visible: {focus}"
        if page.evaluate(f"(e => {voorwaarde})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {voorwaarde}")


def test_keyboard_only_log_in_open_a_toewijzing_filter_and_download(
    demo, page, live_server
):
    from demo.stamgegevens import DEMO_WACHTWOORD

    page.goto(f"{live_server.url}/hulp/")
    # The first Tab stop is the skip link; Enter puts the focus on the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    assert page.evaluate(FOCUS_ZICHTBAAR)["zichtbaar"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    # Log in (the name field has the focus when the page opens).
    page.goto(f"{live_server.url}/inloggen/")
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("gemeente")
    tab_tot(page, "e.id === 'id_password'")
    page.keyboard.type(DEMO_WACHTWOORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # Open a toewijzing from the list.
    tab_tot(page, "e.closest('nav') && e.textContent.trim() === 'Toewijzingen'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/toewijzingen/")
    tab_tot(page, "e.tagName === 'A' && e.closest('tbody') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/toewijzingen/*/")
    assert page.locator("h1").count() == 1

    # Start a filter on the berichten list, then download a bericht's XML.
    tab_tot(page, "e.closest('nav') && e.textContent.trim() === 'Berichten'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/berichten/")
    tab_tot(page, "e.tagName === 'SELECT' && e.closest('#lijstfilter') !== null")
    page.keyboard.press("ArrowDown")
    tab_tot(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Filteren'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/berichten/?*")
    page.goto(f"{live_server.url}/berichten/")
    tab_tot(page, "e.tagName === 'A' && e.closest('tbody') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/berichten/*/")
    tab_tot(page, "e.textContent.trim() === 'XML downloaden'")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".xml")
    # The XML itself is reachable by keyboard, so it can be scrolled without a mouse.
    tab_tot(page, "e.tagName === 'PRE'")


def test_the_second_theme_passes_axe_too(demo, a11y_page, live_server, settings):
    """A huisstijl is a token file: the Waterdam theme keeps every contrast."""
    settings.PORTAAL_THEMA = "waterdam"
    problemen = {}
    for username, paden in (
        ("gemeente", ["/", "/toewijzingen/", "/berichten/"]),
        ("aanbieder", ["/", "/declaraties/", "/stamgegevens/producten/"]),
    ):
        a11y_page.context.clear_cookies()
        inloggen(a11y_page, live_server.url, username)
        for pad in paden:
            a11y_page.goto(live_server.url + pad)
            assert "themes/waterdam.css" in a11y_page.content()
            if fouten := a11y.axe_fouten(a11y_page):
                problemen[f"{username} {pad}"] = fouten
    assert not problemen, problemen
