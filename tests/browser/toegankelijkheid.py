"""Helpers for the accessibility walk (tests/browser/test_toegankelijkheid_browser.py).

axe-core is vendored in tests/browser/vendor/ (scripts/vendor_nlds.sh). Every page of every
role is found by following the portal's own links from the start page, one page per URL
route; `html_routes()` lists the routes that must be reached that way.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, get_resolver, resolve

from tests.core.routes import walk as _walk

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# axe impacts that fail the test (WCAG 2.1 A and AA rules and best practices).
ERNSTIG = {"serious", "critical"}
AXE_OPTIES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

# Routes that are not pages: files, JSON, POST-only actions, the API and its docs.
GEEN_PAGINA = {
    "uitloggen/": "POST only",
    "berichten/<int:pk>/xml/": "download (XML file)",
    "berichten/<int:pk>/opnieuw/": "POST only",
    "declaraties/<int:pk>/factuur.pdf": "download (PDF)",
    "declaraties/afgekeurd/export.csv": "starts a background job (POST)",
    "declaraties/afgekeurd/export.xlsx": "starts a background job (POST)",
    "rapportages/export.xlsx": "download (Excel)",
    "taken/<int:pk>/status.json": "JSON for taak.js",
    "taken/<int:pk>/download/": "download (the job's file)",
    "taken/<int:pk>/opnieuw/": "POST only",
    "toewijzingen/signalen/<int:pk>/afhandelen/": "POST only",
    "stamgegevens/aanbieders/mijn/": "sends the aanbieder on to its own detail page",
    "inloggen/code/": "only between password and code (test_tweestaps_browser)",
    "tweestapsverificatie/herstelcodes/": "only right after setting up a device",
    "berichten/export.csv": "starts a background job (POST)",
    "berichten/export.xlsx": "starts a background job (POST)",
    "toewijzingen/export.csv": "starts a background job (POST)",
    "toewijzingen/export.xlsx": "starts a background job (POST)",
    "toewijzingen/clienten/export.csv": "starts a background job (POST)",
    "toewijzingen/clienten/export.xlsx": "starts a background job (POST)",
    "toewijzingen/bulk/start/": "starts a bulk job (POST from the list)",
    "toewijzingen/verzoeken/bulk/beantwoorden/": "starts a bulk job (POST from the list)",
    "declaraties/afgekeurd/corrigeren/": "starts a bulk job (POST from the list)",
    "meldingen/<int:pk>/gelezen/": "POST only",
    "meldingen/alles-gelezen/": "POST only",
    "meldingen/werkvoorraad/afhandelen/": "POST only",
}
OVERGESLAGEN_VOORVOEGSELS = ("api/", "beheer/", "static/", "media/")
# Of the admin only its index is a page of the portal's own (Django's admin has its own CSS).
ADMIN_INDEX = "beheer/"


def html_routes() -> set[str]:
    """Every route of an HTML page that the walk must reach."""
    routes = set()
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith(OVERGESLAGEN_VOORVOEGSELS) or route in GEEN_PAGINA:
            continue
        routes.add(route)
    return routes | {ADMIN_INDEX}


def route_van(url: str) -> str | None:
    """The URL route of a portal URL, or None for what the walk leaves alone."""
    pad = urlsplit(url).path
    if pad == "/" + ADMIN_INDEX:
        return ADMIN_INDEX
    try:
        match = resolve(pad)
    except Resolver404:
        return None
    route = match.route
    if route.startswith(OVERGESLAGEN_VOORVOEGSELS) or route in GEEN_PAGINA:
        return None
    return route


def axe_fouten(page) -> list[str]:
    """Serious and critical axe-core violations on the page, one line per rule."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    violations = page.evaluate(
        "async (opties) => (await axe.run(document, opties)).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        AXE_OPTIES,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for v in violations
        if v["impact"] in ERNSTIG
    ]


def scrollt_zijwaarts(page) -> bool:
    # Two frames: what resizes itself (Chart.js) has done so after the viewport changed.
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    return page.evaluate(
        "() => document.documentElement.scrollWidth > window.innerWidth"
    )


def breedste(page) -> list[str]:
    """What sticks out to the right (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.closest('.utrecht-table-container, .portaal-menu, pre'))
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
              + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''))"""
    )


def links(page, basis: str) -> list[str]:
    """The page's links into the portal, without fragment."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    uitkomst = []
    for href in hrefs:
        if not href.startswith(basis):
            continue
        href = re.sub(r"#.*$", "", href)
        uitkomst.append(href)
    return uitkomst
