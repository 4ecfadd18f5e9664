"""The page shell on NL Design System: theme, footer pages, sort links, page numbers."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import override_settings

import pytest

from core.templatetags.lijsten import paginanummers
from tests.stamgegevens.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _hrefs(html: str, klasse: str) -> list[str]:
    return [
        unescape(h) for h in re.findall(rf'class="{klasse}[^"]*" href="([^"]*)"', html)
    ]


def test_every_page_has_skip_link_favicon_theme_and_footer_links(client):
    html = client.get("/inloggen/").content.decode()
    assert 'href="#inhoud">Naar de inhoud</a>' in html
    assert '<main id="inhoud"' in html
    assert "favicon.svg" in html
    assert "themes/neutraal.css" in html and "themes/neutraal.svg" in html
    assert 'href="/toegankelijkheid/"' in html and 'href="/hulp/"' in html


@override_settings(PORTAAL_THEMA="waterdam")
def test_portaal_thema_chooses_the_token_file_and_logo(client):
    html = client.get("/hulp/").content.decode()
    assert "themes/waterdam.css" in html and "themes/waterdam.svg" in html
    assert "themes/neutraal" not in html


@pytest.mark.parametrize("naam", ["bestaat-niet", "../neutraal", "Neutraal"])
def test_an_unknown_or_odd_theme_stops_with_a_clear_error(client, naam):
    with override_settings(PORTAAL_THEMA=naam), pytest.raises(ImproperlyConfigured):
        client.get("/hulp/")


def test_accessibility_statement_and_help_are_public_and_dutch(client):
    verklaring = client.get("/toegankelijkheid/")
    assert verklaring.status_code == 200
    assert "Toegankelijkheidsverklaring" in verklaring.content.decode()
    assert "WCAG 2.1" in verklaring.content.decode()
    hulp = client.get("/hulp/").content.decode()
    # Not logged in: the API documentation only after logging in.
    assert 'href="/api/docs/"' not in hulp


def test_api_docs_are_linked_from_help_not_from_the_main_menu(gemeente_client):
    start = gemeente_client.get("/").content.decode()
    menu = start.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert "/api/docs/" not in menu and ">API<" not in menu
    assert 'href="/api/docs/"' in gemeente_client.get("/hulp/").content.decode()


def test_sort_links_replace_sortering_and_mark_the_sorted_column(gemeente_client):
    ProductFactory.create_batch(3)
    response = gemeente_client.get(
        "/stamgegevens/producten/", {"sortering": "code", "page": "1", "status": ""}
    )
    html = response.content.decode()
    assert re.search(r'<th scope="col" aria-sort="ascending"><a [^>]*>Code', html)
    assert html.count("aria-sort=") == 1
    links = _hrefs(html, "portaal-sorteer")
    assert len(links) >= 5
    for link in links:
        query = parse_qs(urlsplit(link).query, keep_blank_values=True)
        assert len(query["sortering"]) == 1, link  # replaced, never repeated
        assert "page" not in query, link  # a new order starts on page 1
    code = next(h for h in links if "sortering=-code" in h)
    # Following the link sorts descending and marks it so.
    html = gemeente_client.get("/stamgegevens/producten/" + code).content.decode()
    assert re.search(r'aria-sort="descending"><a [^>]*>Code', html)


def test_page_numbers_show_first_last_and_neighbours():
    assert paginanummers(1, 1) == [1]
    assert paginanummers(1, 4) == [1, 2, 3, 4]
    assert paginanummers(50, 2000) == [1, None, 48, 49, 50, 51, 52, None, 2000]
    assert paginanummers(2000, 2000) == [1, None, 1998, 1999, 2000]


def test_pagination_links_keep_the_filter_and_replace_the_page():
    pagina = Paginator(range(20_000), 10).page(50)
    html = Template("{% load lijsten %}{% paginering %}").render(
        Context(
            {
                "page_obj": pagina,
                "is_paginated": True,
                "querystring": "status=actief&sortering=-code&page=3",
            }
        )
    )
    links = _hrefs(html, "utrecht-pagination__")
    paginas = [parse_qs(urlsplit(h).query)["page"] for h in links]
    assert all(len(p) == 1 for p in paginas)
    assert [p[0] for p in paginas] == [
        "49", "1", "48", "49", "50", "51", "52", "2000", "51"
    ]  # fmt: skip
    assert all("status=actief" in h and "sortering=-code" in h for h in links)
    assert 'aria-current="page"' in html and "Pagina 50 van 2000" in html
    assert 'aria-label="Pagina 2000 (laatste)"' in html
