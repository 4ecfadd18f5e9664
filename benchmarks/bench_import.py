"""301 batch ingest: 10,000 WMO301 files read by `iwmo_import`, against its floors.

A gemeente that works with its own software delivers one WMO301 file per cliënt
(valid, each a new cliënt with one toewijzing, five products in turn). The bench
builds the stamgegevens, writes the files to a temporary folder and times
`manage.py iwmo_import --namens gemeente:0059 <folder>` in this process, end to
end: each file stored, processed (XSD, rules, checks, cliënt and toewijzing
stored) and answered with its WMO302, which waits in the outbox.

It prints wall and CPU time (this process plus the PostgreSQL backend that serves
it, read from /proc; on a busy machine go by CPU), the queries per file, and two
floors measured in the same run:

- read + hardened parse + XSD of the same files;
- that plus the database work no ingest can skip: one transaction per file with
  plain-SQL INSERTs of the stored file, the cliënt, the toewijzing and the retour
  (the values taken as known, not decoded).

    python benchmarks/bench_import.py                       # SQLite (temp file)
    python benchmarks/bench_import.py --database-url postgres://postgres@127.0.0.1:5432/wmo_bench_import
    python benchmarks/bench_import.py --aantal 1000         # a shorter run

The PostgreSQL database is dropped and created afresh. BENCH_PROFILE=1 prints a
cProfile of the import (CPU time of this process), BENCH_PROFILE=x.prof writes it
to x.prof; BENCH_QUERIES=1 prints the queries of the last file.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from datetime import date, time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _gemeenschappelijk import (  # noqa: E402
    backend_cpu,
    bench_aanbieder,
    bsn,
    django_opzetten,
)

GEMEENTE = "0059"
AGB = "69990002"
PRODUCTEN = ("01A01", "01A02", "01A03", "01A04", "01A05")
INGANG = date(2026, 1, 1)


def setup():
    from stamgegevens.models import (
        Contract,
        ContractProduct,
        Gemeente,
        Product,
    )

    # Its own software: the 302s to this gemeente wait in the outbox (iwmo_export).
    Gemeente.objects.create(code=GEMEENTE, naam="Achtkarspelen", via_portaal=False)
    aanbieder = bench_aanbieder(AGB)
    contract = Contract.objects.create(
        nummer="BENCH-301",
        gemeente=Gemeente.objects.get(code=GEMEENTE),
        aanbieder=aanbieder,
        begindatum=INGANG,
        uitvoeringsvariant="inspanningsgericht",
    )
    for code in PRODUCTEN:
        product = Product.objects.create(
            categorie="01",
            code=code,
            geldig_van=INGANG,
            omschrijving=f"Product {code}",
            eenheid="04",
            frequentie="2",
        )
        ContractProduct.objects.create(contract=contract, product=product)


def _wmo301(n: int, dagtekening: date):
    from berichten.xml import types as t

    return t.Wmo301(
        header=t.Header(
            afzender=GEMEENTE,
            ontvanger=AGB,
            bericht_identificatie=t.BerichtIdentificatie(
                identificatie=f"T{n:07d}", dagtekening=dagtekening
            ),
        ),
        client=t.ToewijzingClient(
            bsn=bsn(20_000_000 + n * 17),
            geboortedatum=t.Geboortedatum(
                datum=date(1940 + n % 60, 1, 1), datum_gebruik="1"
            ),
            geslacht="12"[n % 2],
            naam=t.VolledigeNaam(
                geslachtsnaam=t.Achternaam(achternaam=f"Cliënt{n}"),
                voorletters="AB"[n % 2],
                naam_gebruik="1",
            ),
            contactgegevens=[
                t.Contact(
                    soort="01",
                    adres=t.Adres(
                        huis=t.Huis(huisnummer=1 + n % 200),
                        postcode=f"{9200 + n % 80}AB",
                        straatnaam="Dorpsstraat",
                        plaatsnaam="Surhuisterveen",
                        land_code="NL",
                    ),
                )
            ],
            toegewezen_producten=[
                t.ToegewezenProduct(
                    toewijzing_nummer=n + 1,
                    product=t.Product(
                        categorie="01", code=PRODUCTEN[n % len(PRODUCTEN)]
                    ),
                    toewijzingsdatum=date(2026, 1, 2),
                    toewijzingstijd=dtime(9, n % 60),
                    ingangsdatum=INGANG,
                    einddatum=date(2026, 12, 31),
                    omvang=t.Omvang(volume=1 + n % 8, eenheid="04", frequentie="2"),
                )
            ],
        ),
    )


def _schrijf_bestanden(map_: Path, aantal: int) -> list[Path]:
    from django.utils import timezone

    from berichten.xml.codec import encode

    vandaag = timezone.localdate()
    paden = []
    for n in range(aantal):
        pad = map_ / f"wmo301_{n:05d}.xml"
        pad.write_bytes(encode(_wmo301(n, vandaag)))
        paden.append(pad)
    return paden


def _vloer_lezen(paden: list[Path]) -> float:
    """Floor 1, CPU seconds: read + hardened parse + XSD of every file."""
    from berichten.xml.parser import parse
    from berichten.xml.validation import schema

    xml_schema = schema("WMO301")
    start = time.process_time()
    for pad in paden:
        assert xml_schema.validate(parse(pad.read_bytes()))
    return time.process_time() - start


class _Rijen:
    """Plain-SQL INSERT of one row of a model: every column with its default,
    the given ones overridden (prepared once, outside the timing)."""

    def __init__(self, model, connection, nu):
        velden = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.standaard = {
            f.attname: f.get_db_prep_save(
                nu
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else f.get_default(),
                connection,
            )
            for f in velden
        }
        self.kolommen = [f.attname for f in velden]
        qn = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {qn(model._meta.db_table)} "
            f"({', '.join(qn(f.column) for f in velden)}) "
            f"VALUES ({', '.join(['%s'] * len(velden))}) RETURNING {qn('id')}"
        )

    def invoegen(self, cursor, **waarden) -> int:
        cursor.execute(
            self.sql,
            [waarden.get(k, self.standaard[k]) for k in self.kolommen],
        )
        return cursor.fetchone()[0]


def _vloer_database(paden: list[Path], connection) -> tuple[float, float]:
    """Floor 2: floor 1 plus, per file, one transaction that INSERTs the stored
    file, the cliënt, the toewijzing and the retour with plain SQL. Returns
    (CPU seconds here, CPU seconds of the database backend); the rows are
    deleted afterwards."""
    from django.db import transaction
    from django.utils import timezone

    from berichten.models import Bericht
    from berichten.xml.parser import parse
    from berichten.xml.validation import schema
    from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
    from toewijzingen.models import Client, Toewijzing

    xml_schema = schema("WMO301")
    gemeente = Gemeente.objects.get(code=GEMEENTE).pk
    aanbieder = Aanbieder.objects.get(agb_code=AGB).pk
    contract = Contract.objects.get(nummer="BENCH-301").pk
    producten = dict(Product.objects.values_list("code", "pk"))
    nu = timezone.now()
    bericht, client, toewijzing = (
        _Rijen(m, connection, nu) for m in (Bericht, Client, Toewijzing)
    )
    retour = b"<retour/>" * 120  # about the size of a real WMO302
    ids: dict[str, list[int]] = {"b": [], "c": [], "t": []}
    backend = backend_cpu(connection)
    start = time.process_time()
    for n, pad in enumerate(paden):
        inhoud = pad.read_bytes()
        assert xml_schema.validate(parse(inhoud))
        with transaction.atomic(), connection.cursor() as cursor:
            heen = bericht.invoegen(
                cursor,
                bericht_type="WMO301",
                afzender=GEMEENTE,
                ontvanger=AGB,
                gemeente_id=gemeente,
                aanbieder_id=aanbieder,
                identificatie=f"F{n:07d}",
                kanaal="map",
                status="verwerkt",
                inhoud=inhoud,
                sha256="0" * 64,
            )
            cid = client.invoegen(
                cursor,
                gemeente_id=gemeente,
                bsn=f"F{n:08d}",
                geboortedatum="1950-01-01",
                achternaam=f"Cliënt{n}",
            )
            tid = toewijzing.invoegen(
                cursor,
                gemeente_id=gemeente,
                aanbieder_id=aanbieder,
                contract_id=contract,
                client_id=cid,
                product_id=producten[PRODUCTEN[n % len(PRODUCTEN)]],
                toewijzing_nummer=900_000 + n,
                toewijzingsdatum="2026-01-02",
                toewijzingstijd="09:00:00",
                ingangsdatum="2026-01-01",
                einddatum="2026-12-31",
                bericht_id=heen,
            )
            terug = bericht.invoegen(
                cursor,
                bericht_type="WMO302",
                afzender=AGB,
                ontvanger=GEMEENTE,
                gemeente_id=gemeente,
                aanbieder_id=aanbieder,
                identificatie=f"R{n:07d}",
                kanaal="portaal",
                status="in_outbox",
                inhoud=retour,
                sha256="0" * 64,
                heenbericht_id=heen,
            )
        ids["b"] += [terug, heen]
        ids["c"].append(cid)
        ids["t"].append(tid)
    cpu = time.process_time() - start
    db = backend_cpu(connection)
    Toewijzing.objects.filter(pk__in=ids["t"]).delete()
    Client.objects.filter(pk__in=ids["c"]).delete()
    for pk in ids["b"]:  # the retour first: it refers to its heenbericht
        Bericht.objects.filter(pk=pk).delete()
    return cpu, (db - backend if db is not None and backend is not None else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", help="PostgreSQL URL; default: a temporary SQLite file"
    )
    parser.add_argument("--aantal", type=int, default=10_000, help="number of files")
    args = parser.parse_args()
    django_opzetten(args.database_url)
    with tempfile.TemporaryDirectory() as map_:
        if not _run(Path(map_), args.aantal):
            sys.exit(1)


def _run(map_: Path, aantal: int) -> bool:
    from django.core.management import call_command
    from django.db import connection

    from berichten.models import Bericht
    from toewijzingen.models import Toewijzing

    start = time.perf_counter()
    setup()
    paden = _schrijf_bestanden(map_, aantal)
    megabytes = sum(p.stat().st_size for p in paden) / 1024 / 1024
    print(
        f"database: {connection.vendor}; load average {os.getloadavg()[0]:.2f}; "
        f"setup {time.perf_counter() - start:.1f} s; {aantal} WMO301 files, "
        f"{megabytes:.1f} MB"
    )
    vloer_lezen = _vloer_lezen(paden)
    vloer_cpu, vloer_db = _vloer_database(paden, connection)

    queries: list[str] = []

    def tel(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    profiel = (
        cProfile.Profile(time.process_time) if os.environ.get("BENCH_PROFILE") else None
    )
    backend_voor = backend_cpu(connection)
    with connection.execute_wrapper(tel):
        start, cpu_start = time.perf_counter(), time.process_time()
        if profiel:
            profiel.enable()
        call_command(
            "iwmo_import",
            str(map_),
            namens=f"gemeente:{GEMEENTE}",
            stdout=io.StringIO(),
        )
        if profiel:
            profiel.disable()
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    backend_na = backend_cpu(connection)
    db = (
        backend_na - backend_voor
        if backend_na is not None and backend_voor is not None
        else 0.0
    )
    if profiel and os.environ["BENCH_PROFILE"].endswith(".prof"):
        profiel.dump_stats(os.environ["BENCH_PROFILE"])
    elif profiel:
        pstats.Stats(profiel).sort_stats(
            os.environ.get("BENCH_SORT", "cumulative")
        ).print_stats(45)

    totaal = cpu + db
    vloer_2 = vloer_cpu + vloer_db
    print(
        f"iwmo_import of {aantal} files: wall {wall:.1f} s; CPU {cpu:.1f} s here "
        f"+ {db:.1f} s database backend = {totaal:.1f} s "
        f"({totaal / aantal * 1000:.2f} ms per file); "
        f"{len(queries)} queries = {len(queries) / aantal:.1f} per file"
    )
    if os.environ.get("BENCH_QUERIES"):  # those of the last file
        for sql in queries[-round(len(queries) / aantal) :]:
            print("  ", sql[:200])
    print(
        f"floor 1, read + hardened parse + XSD: CPU {vloer_lezen:.2f} s; "
        f"import / floor 1 = {totaal / vloer_lezen:.1f}x"
    )
    print(
        f"floor 2, floor 1 + per file one transaction with 4 plain INSERTs: CPU "
        f"{vloer_cpu:.2f} s here + {vloer_db:.2f} s backend = {vloer_2:.2f} s; "
        f"import / floor 2 = {totaal / vloer_2:.1f}x"
    )
    verwerkt = Bericht.objects.filter(bericht_type="WMO301", status="verwerkt").count()
    outbox = Bericht.objects.filter(bericht_type="WMO302", status="in_outbox").count()
    toewijzingen = Toewijzing.objects.count()
    anders = Bericht.objects.filter(bericht_type="WMO301").exclude(status="verwerkt")
    print(
        f"{verwerkt} WMO301 verwerkt, {toewijzingen} toewijzingen, "
        f"{outbox} WMO302 in the outbox, {anders.count()} otherwise"
    )
    if verwerkt != aantal or toewijzingen != aantal or outbox != aantal:
        eerste = anders.first()
        if eerste is not None:
            print("unexpected:", eerste.status, eerste.foutmelding, eerste.bevindingen)
        return False
    return True


if __name__ == "__main__":
    main()
