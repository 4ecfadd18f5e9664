"""The SQL of the main list pages and API lists, and its PostgreSQL plans.

Shared by tests/scale/test_explain.py (no sequential scan of a large table when
PostgreSQL may not choose one) and benchmarks/explain_lists.py (EXPLAIN ANALYZE
times on the large data set).

A case is (role, url): the page with its default order, each `?sortering=` column
the view offers (core.lists), each API `ordering`, and each filter of the shared
FilterSets, with filter values taken from rows the user can see.
"""

import json
from datetime import date

from django.db import connection, reset_queries
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import zoeken
from core.models import User

# Filters that may carry a BSN; never in a URL (core/zoeken.py).
GEHEIM = ("bsn", "zoek")

# The tables that grow with the number of cliënten, toewijzingen and prestaties.
GROTE_TABELLEN = {
    "toewijzingen_toewijzing",
    "toewijzingen_client",
    "toewijzingen_levering",
    "declaraties_prestatie",
    "declaraties_declaratie",
    "berichten_bericht",
}


def _sorteringen(view, kolommen=None) -> list[str]:
    """`?sortering=` for each column of the view, ascending and descending."""
    kolommen = kolommen or list(view.sorteer_velden)
    return [f"sortering={r}{k}" for k in kolommen for r in ("", "-")]


def _ordering(velden) -> list[str]:
    return [f"ordering={r}{v}" for v in velden for r in ("", "-")]


def _waarden(user) -> dict:
    """Filter values the user can see (ids, a BSN, a product code)."""
    from declaraties.models import Declaratie, Prestatie
    from stamgegevens.models import Product
    from toewijzingen.models import Client as Clientmodel, Toewijzing

    toewijzing = (
        Toewijzing.objects.visible_to(user).order_by("-id").only("pk", "client").first()
    )
    client = Clientmodel.objects.visible_to(user).order_by("id").first()
    prestatie = Prestatie.objects.visible_to(user).order_by("-id").first()
    declaratie = Declaratie.objects.visible_to(user).order_by("-id").first()
    return {
        "toewijzing": toewijzing.pk if toewijzing else 0,
        "client": client.pk if client else 0,
        "bsn": client.bsn if client else "999999990",
        "achternaam": (client.achternaam[:4] if client else "Jans"),
        "product": Product.objects.order_by("code").values_list("pk", flat=True)[0],
        "productcode": prestatie.product_code if prestatie else "02A01",
        "declaratie": declaratie.pk if declaratie else 0,
        "aanbieder": user.aanbieder_id
        or (toewijzing.aanbieder_id if toewijzing else 0),
        "gemeente": user.gemeente_id or (declaratie.gemeente_id if declaratie else 0),
        "datum": date(date.today().year, 6, 1).isoformat(),
    }


def cases(rol: str, user) -> list[str]:
    """The urls to check for a user of `rol` ("gemeente" or "aanbieder")."""
    from berichten.views import BerichtListView
    from declaraties.views import (
        AfgekeurdeRegelsView,
        DeclaratieListView,
        StartOntbreektView,
    )
    from toewijzingen.views import (
        ClientListView,
        ToewijzingListView,
        VerzoekListView,
    )

    w = _waarden(user)
    pagina = {
        "/toewijzingen/": [
            *_sorteringen(ToewijzingListView),
            "status=gestart",
            "status=nieuw",
            f"product={w['product']}",
            f"aanbieder={w['aanbieder']}",
            f"gemeente={w['gemeente']}",
            f"van={w['datum']}",
            f"tot={w['datum']}",
            f"client={w['client']}",
            f"bsn={w['bsn']}",
        ],
        "/toewijzingen/clienten/": [
            *_sorteringen(ClientListView),
            f"zoek={w['bsn']}",
            f"zoek={w['achternaam']}",
        ],
        "/toewijzingen/verzoeken/": [
            *_sorteringen(VerzoekListView),
            "status=open",
            "soort=WMO315",
            "open=true",
            f"client={w['client']}",
        ],
        "/berichten/": [
            *_sorteringen(BerichtListView),
            "richting=in",
            "richting=uit",
            "bericht_type=WMO305",
            "status=fout",
            f"van={w['datum']}",
            f"tot={w['datum']}",
            f"bsn={w['bsn']}",
            f"aanbieder={w['aanbieder']}",
            f"gemeente={w['gemeente']}",
        ],
        "/declaraties/": [
            *_sorteringen(DeclaratieListView),
            "status=ingediend",
            f"van={w['datum']}",
            f"tot={w['datum']}",
            f"aanbieder={w['aanbieder']}",
            f"gemeente={w['gemeente']}",
            "nummer=G",
        ],
        "/api/toewijzingen/": [
            *_ordering(["toewijzing_nummer", "ingangsdatum", "einddatum"]),
            "status=gestart",
            f"aanbieder={w['aanbieder']}",
            f"bsn={w['bsn']}",
        ],
        "/api/clienten/": [
            *_ordering(["achternaam", "geboortedatum"]),
            f"zoek={w['achternaam']}",
        ],
        "/api/leveringen/": [
            *_ordering(["begindatum", "aangemaakt_op"]),
            "soort=stop",
            f"toewijzing={w['toewijzing']}",
        ],
        "/api/verzoeken/": [*_ordering(["ingediend_op", "status"]), "open=true"],
        "/api/berichten/": [
            *_ordering(["aangemaakt_op", "bericht_type", "status"]),
            "bericht_type=WMO301",
            f"bsn={w['bsn']}",
        ],
        "/api/declaraties/": [
            *_ordering(["periode_begin", "declaratie_nummer", "status"]),
            "status=beantwoord",
        ],
        "/api/prestaties/": [
            *_ordering(["begindatum", "toewijzing_nummer", "ingediend_bedrag"]),
            "status=afgekeurd",
            f"declaratie={w['declaratie']}",
            f"bsn={w['bsn']}",
            f"product={w['productcode']}",
        ],
    }
    if rol == "aanbieder":
        pagina["/declaraties/afgekeurd/"] = [
            *_sorteringen(AfgekeurdeRegelsView),
            f"bsn={w['bsn']}",
            f"product={w['productcode']}",
            "retourcode=8001",
            f"van={w['datum']}",
        ]
    else:
        pagina["/declaraties/start-ontbreekt/"] = [
            *_sorteringen(StartOntbreektView),
            f"bsn={w['bsn']}",
            f"aanbieder={w['aanbieder']}",
            "status=afgekeurd",
        ]
    urls = []
    for pad, queries in pagina.items():
        urls.append(pad)
        urls.extend(f"{pad}?{q}" for q in queries)
    return urls


def gebruiker(username: str) -> User:
    return User.objects.get(username=username)


def _zonder_bsn_in_url(client, url: str) -> tuple[str, dict]:
    """A BSN search as the portal takes it (core/zoeken.py): a page posts its
    form and follows the redirect, the API sends the value in a header."""
    pad, _, query = url.partition("?")
    params = QueryDict(query, mutable=True)
    geheim = {v: params.pop(v)[-1] for v in GEHEIM if v in params}
    if not geheim:
        return url, {}
    if pad.startswith("/api/"):
        headers = {zoeken.api_header(v): w for v, w in geheim.items()}
        return f"{pad}?{params.urlencode()}", headers
    return client.post(pad, params.dict() | geheim).url, {}


def queries_van(user, url: str) -> list[str]:
    """The SQL the page runs for `user` (a 200 is asserted)."""
    client = Client()
    client.force_login(user)
    url, headers = _zonder_bsn_in_url(client, url)
    reset_queries()  # the log keeps 9,000 queries; a full one captures none
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT")
    ]


def plan(sql: str, *, analyze: bool = False) -> dict:
    opties = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({opties}) {sql}")
        waarde = cursor.fetchone()[0]
    return (json.loads(waarde) if isinstance(waarde, str) else waarde)[0]


def knopen(node: dict):
    yield node
    for kind in node.get("Plans", []):
        yield from knopen(kind)


def seq_scans(p: dict, tabellen=GROTE_TABELLEN) -> list[str]:
    """The large tables the plan reads with a sequential scan."""
    return sorted(
        {
            n["Relation Name"]
            for n in knopen(p["Plan"])
            if n["Node Type"] == "Seq Scan" and n.get("Relation Name") in tabellen
        }
    )


def indexen(p: dict) -> set[str]:
    """The names of the indexes the plan reads."""
    return {n["Index Name"] for n in knopen(p["Plan"]) if "Index Name" in n}


def statistiek_bijgewerkt(model) -> bool:
    """Whether ANALYZE has run on the model's table (in this transaction too)."""
    tabel = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [tabel])
            return cursor.fetchone()[0] >= 0  # -1: never analyzed
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return False
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [tabel])
        return cursor.fetchone()[0] > 0
