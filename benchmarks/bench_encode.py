"""Outbound encode of a large 301 set: 10,000 toewijzingen in the database, one
WMO301 each, the way the portal sends one (`toewijzingen.services`: the rows
read with their cliënt and product, `mappers.wmo301`, then `bericht_versturen`'s
encode and XSD check), against its floor: lxml building the same XML from plain
tuples of one query, serialised and XSD-checked.

The header's number (a database counter) and storing the message are left out
on both sides: bench_import.py times the database work of a message. Both sides
are CPU time of this process plus the PostgreSQL backend's, best of 3, measured
in the same run; the first document of both sides is checked to be the same bytes.

    python benchmarks/bench_encode.py                       # SQLite (temp file)
    python benchmarks/bench_encode.py --database-url postgres://postgres@127.0.0.1:5432/wmo_bench_import
"""

import argparse
import os
import sys
import time
from datetime import date, time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _gemeenschappelijk import backend_cpu, bsn, django_opzetten  # noqa: E402
from bench_import import AGB, GEMEENTE, INGANG, PRODUCTEN, setup  # noqa: E402

AANTAL = 10_000
DAGTEKENING = date(2026, 12, 1)


def _toewijzingen(aantal: int) -> None:
    from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
    from toewijzingen.models import Client, Toewijzing

    gemeente = Gemeente.objects.get(code=GEMEENTE)
    producten = {p.code: p for p in Product.objects.all()}
    clienten = Client.objects.bulk_create(
        Client(
            gemeente=gemeente,
            bsn=bsn(20_000_000 + n * 17),
            geboortedatum=date(1940 + n % 60, 1, 1),
            geslacht="12"[n % 2],
            achternaam=f"Cliënt{n}",
            voorletters="AB"[n % 2],
            straat="Dorpsstraat",
            huisnummer=1 + n % 200,
            postcode=f"{9200 + n % 80}AB",
            plaats="Surhuisterveen",
        )
        for n in range(aantal)
    )
    Toewijzing.objects.bulk_create(
        Toewijzing(
            gemeente=gemeente,
            aanbieder=Aanbieder.objects.get(agb_code=AGB),
            contract=Contract.objects.get(nummer="BENCH-301"),
            client=client,
            product=producten[PRODUCTEN[n % len(PRODUCTEN)]],
            toewijzing_nummer=n + 1,
            toewijzingsdatum=date(2026, 1, 2),
            toewijzingstijd=dtime(9, n % 60),
            ingangsdatum=INGANG,
            einddatum=date(2026, 12, 31),
            volume=1 + n % 8,
            eenheid="04",
            frequentie="2",
        )
        for n, client in enumerate(clienten)
    )


def _header(n: int):
    from berichten.xml import types as t

    return t.Header(
        afzender=GEMEENTE,
        ontvanger=AGB,
        bericht_identificatie=t.BerichtIdentificatie(
            identificatie=f"301{n:09d}", dagtekening=DAGTEKENING
        ),
    )


def portaal() -> list[bytes]:
    """The portal's path: rows with cliënt and product, mapper, encode, XSD."""
    from berichten.xml import codec, validation
    from berichten.xml.parser import parse
    from toewijzingen import mappers
    from toewijzingen.models import Toewijzing

    documenten = []
    for n, tw in enumerate(
        Toewijzing.objects.filter(aanbieder__agb_code=AGB)
        .select_related("client", "product")
        .order_by("toewijzing_nummer")
    ):
        message = mappers.wmo301(header=_header(n), client=tw.client, toewijzingen=[tw])
        inhoud = codec.encode(message)
        assert not validation.validate(parse(inhoud), "WMO301")
        documenten.append(inhoud)
    return documenten


def vloer() -> list[bytes]:
    """The floor: one query of plain tuples, lxml elements, tostring, XSD."""
    from lxml import etree

    from berichten.xml.validation import schema
    from toewijzingen.models import Toewijzing

    ns = "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"
    basis = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
    nsmap = {"wmo301": ns, "iwmo": basis}
    m, b = f"{{{ns}}}", f"{{{basis}}}"
    xml_schema = schema("WMO301")
    sub = etree.SubElement

    def el(ouder, naam, tekst=None):
        e = sub(ouder, naam)
        if tekst is not None:
            e.text = tekst
        return e

    rijen = (
        Toewijzing.objects.filter(aanbieder__agb_code=AGB)
        .order_by("toewijzing_nummer")
        .values_list(
            "client__bsn",
            "client__geboortedatum",
            "client__geslacht",
            "client__achternaam",
            "client__voorletters",
            "client__naam_gebruik",
            "client__huisnummer",
            "client__postcode",
            "client__straat",
            "client__plaats",
            "toewijzing_nummer",
            "product__categorie",
            "product__code",
            "toewijzingsdatum",
            "toewijzingstijd",
            "ingangsdatum",
            "einddatum",
            "volume",
            "eenheid",
            "frequentie",
        )
    )
    dag = DAGTEKENING.isoformat()
    documenten = []
    for n, r in enumerate(rijen):
        root = etree.Element(f"{m}Bericht", nsmap=nsmap)
        h = el(root, f"{m}Header")
        for naam, waarde in (
            ("BerichtCode", "414"),
            ("BerichtVersie", "3"),
            ("BerichtSubversie", "2"),
            ("Afzender", GEMEENTE),
            ("Ontvanger", AGB),
        ):
            el(h, m + naam, waarde)
        ident = el(h, f"{m}BerichtIdentificatie")
        el(ident, f"{b}Identificatie", f"301{n:09d}")
        el(ident, f"{b}Dagtekening", dag)
        xsd = el(h, f"{m}XsdVersie")
        el(xsd, f"{b}BasisschemaXsdVersie", "1.0.0")
        el(xsd, f"{b}BerichtXsdVersie", "1.0.0")
        c = el(root, f"{m}Client")
        el(c, f"{m}Bsn", r[0])
        geboorte = el(c, f"{m}Geboortedatum")
        el(geboorte, f"{b}Datum", r[1].isoformat())
        el(c, f"{m}Geslacht", r[2])
        naam = el(c, f"{m}Naam")
        el(el(naam, f"{b}Geslachtsnaam"), f"{b}Achternaam", r[3])
        el(naam, f"{b}Voorletters", r[4])
        el(naam, f"{b}NaamGebruik", r[5])
        contact = el(el(c, f"{m}Contactgegevens"), f"{m}Contact")
        el(contact, f"{m}Soort", "01")
        adres = el(contact, f"{m}Adres")
        el(el(adres, f"{b}Huis"), f"{b}Huisnummer", str(r[6]))
        el(adres, f"{b}Postcode", r[7])
        el(adres, f"{b}Straatnaam", r[8])
        el(adres, f"{b}Plaatsnaam", r[9])
        el(adres, f"{b}LandCode", "NL")
        p = el(el(c, f"{m}ToegewezenProducten"), f"{m}ToegewezenProduct")
        el(p, f"{m}ToewijzingNummer", str(r[10]))
        product = el(p, f"{m}Product")
        el(product, f"{b}Categorie", r[11])
        el(product, f"{b}Code", r[12])
        el(p, f"{m}Toewijzingsdatum", r[13].isoformat())
        el(p, f"{m}Toewijzingstijd", r[14].isoformat())
        el(p, f"{m}Ingangsdatum", r[15].isoformat())
        el(p, f"{m}Einddatum", r[16].isoformat())
        omvang = el(p, f"{m}Omvang")
        el(omvang, f"{b}Volume", str(r[17]))
        el(omvang, f"{b}Eenheid", r[18])
        el(omvang, f"{b}Frequentie", r[19])
        assert xml_schema.validate(root)  # noqa: TID251
        documenten.append(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return documenten


def _cpu(functie, connection) -> tuple[float, float, list[bytes]]:
    """Best of 3: (CPU here, CPU of the database backend, the documents)."""
    beste = (float("inf"), 0.0, [])
    for _ in range(3):
        backend = backend_cpu(connection) or 0.0
        start = time.process_time()
        documenten = functie()
        hier = time.process_time() - start
        db = (backend_cpu(connection) or 0.0) - backend
        if hier + db < sum(beste[:2]):
            beste = (hier, db, documenten)
    return beste


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", help="PostgreSQL URL; default: a temporary SQLite file"
    )
    parser.add_argument("--aantal", type=int, default=AANTAL, help="toewijzingen")
    args = parser.parse_args()
    django_opzetten(args.database_url)
    from django.db import connection

    setup()
    _toewijzingen(args.aantal)
    print(
        f"database: {connection.vendor}; load average {os.getloadavg()[0]:.2f}; "
        f"{args.aantal} toewijzingen, one WMO301 each"
    )
    v_hier, v_db, v_docs = _cpu(vloer, connection)
    p_hier, p_db, p_docs = _cpu(portaal, connection)
    assert p_docs[0] == v_docs[0], (p_docs[0], v_docs[0])  # the same bytes
    assert len(p_docs) == len(v_docs) == args.aantal
    print(
        f"portal path (rows, mapper, encode, XSD): CPU {p_hier:.2f} s here + "
        f"{p_db:.2f} s backend = {p_hier + p_db:.2f} s"
    )
    print(
        f"floor (tuples, lxml, tostring, XSD): CPU {v_hier:.2f} s here + "
        f"{v_db:.2f} s backend = {v_hier + v_db:.2f} s; "
        f"portal / floor = {(p_hier + p_db) / (v_hier + v_db):.1f}x"
    )


if __name__ == "__main__":
    main()
