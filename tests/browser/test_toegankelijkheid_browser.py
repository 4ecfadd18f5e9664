"""WCAG 2.1 AA in the suite: axe-core on every page of every role, no sideways
scrolling at 375 px, and a keyboard-only walk of the main jobs.

The walk follows the portal's own links from the start page, as each role (and a
visitor who is not logged in) would, one page per URL route. A route that no role
reaches fails the test, so a new page is checked from the day it is added.
"""

from collections import deque

import pytest

from core.models import Taak, User
from tests.browser import toegankelijkheid as a11y

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMAL = {"width": 375, "height": 800}
BREED = {"width": 1280, "height": 900}
ROLLEN = ("gemeente", "aanbieder", "beheerder")


@pytest.fixture
def demo(db):
    from declaraties.demo import load_demo_declaraties
    from stamgegevens.demo import load_demo_data
    from toewijzingen.demo import load_demo_toewijzingen
    from toewijzingen.signalen import signalen_vastleggen

    load_demo_data()
    load_demo_toewijzingen()
    load_demo_declaraties()
    signalen_vastleggen()
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


def inloggen(page, basis: str, username: str) -> None:
    from stamgegevens.demo import DEMO_WACHTWOORD

    page.goto(f"{basis}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_WACHTWOORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def loop(page, basis: str, start: str, bezocht: dict) -> dict[str, list[str]]:
    """Visit one page per route reachable from `start`; problems per URL."""
    problemen = {}
    rij = deque([basis + start])
    eigen = set()
    while rij:
        url = rij.popleft()
        route = a11y.route_van(url)
        if route is None or route in eigen:
            continue
        eigen.add(route)
        page.set_viewport_size(BREED)
        antwoord = page.goto(url)
        page.wait_for_load_state()
        gevonden = []
        if antwoord is None or antwoord.status != 200:
            gevonden.append(f"HTTP {antwoord.status if antwoord else '?'}")
        gevonden += a11y.axe_fouten(page)
        if route != a11y.ADMIN_INDEX:
            page.set_viewport_size(SMAL)
            if a11y.scrollt_zijwaarts(page):
                gevonden.append(f"scrolls sideways at 375 px: {a11y.breedste(page)}")
            rij.extend(a11y.links(page, basis))
        if gevonden:
            problemen[url] = gevonden
        bezocht.setdefault(route, url)
    return problemen


def test_every_page_of_every_role_passes_axe_and_fits_375px(
    demo, a11y_page, live_server
):
    basis = live_server.url
    bezocht: dict[str, str] = {}
    problemen = {}
    # Not logged in: the login page, help and the accessibility statement.
    for start in ("/inloggen/", "/hulp/", "/toegankelijkheid/"):
        problemen |= loop(a11y_page, basis, start, bezocht)
    for username in ROLLEN:
        a11y_page.context.clear_cookies()
        inloggen(a11y_page, basis, username)
        gevonden = loop(a11y_page, basis, "/", bezocht)
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
