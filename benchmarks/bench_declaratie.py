"""Gemeente-side check of a WMO323 with 10,000 Prestaties for 2,000 cliënten.

Times the whole inbound path — raw bytes stored, parsed, XSD, level-2 rules,
checked against the toewijzingen in the database, Prestaties stored, WMO325
built and stored — and counts the database queries. It prints the wall time and
the CPU time (this process plus the PostgreSQL backend that serves it, read from
/proc) against the bare lxml parse + XSD of the same bytes; on a busy machine go
by the CPU figures. What a running worker has loaded already (celery's task
machinery, the holiday calendars) is loaded before the timing.

    python benchmarks/bench_declaratie.py                       # SQLite (temp file)
    python benchmarks/bench_declaratie.py --database-url postgres://postgres@127.0.0.1:5432/wmo_bench
    python benchmarks/bench_declaratie.py --bestaand \
        --database-url postgres://postgres@127.0.0.1:5432/wmo_large

The PostgreSQL database is dropped and created afresh; with `--bestaand` it is used
as it is (say, loaded with `demo_data --scale large`): the bench adds its own
aanbieder, cliënten and toewijzingen beside what is there, in gemeente 0059, and
rolls everything back at the end.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from datetime import date, time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _gemeenschappelijk import (  # noqa: E402
    backend_cpu,
    bench_aanbieder,
    bsn,
    prepare_database,
)

CLIENTEN = 2_000
PER_CLIENT = 5
TARIEF = 4250
VOLUME = 8
PERIODE = (date(2026, 10, 1), date(2026, 10, 31))


BENCH_AGB = "69990001"  # an aanbieder of its own, also beside an existing data set


def _setup():
    from django.db import models

    from stamgegevens.models import (
        Contract,
        ContractProduct,
        Gemeente,
        Product,
        Tarief,
    )
    from toewijzingen.models import Client, Levering, Toewijzing

    gemeente, _ = Gemeente.objects.get_or_create(
        code="0059", defaults={"naam": "Achtkarspelen"}
    )
    basis = (
        Toewijzing.objects.filter(gemeente=gemeente).aggregate(
            m=models.Max("toewijzing_nummer")
        )["m"]
        or 0
    )
    aanbieder = bench_aanbieder(BENCH_AGB)
    product, _ = Product.objects.get_or_create(
        categorie="02",
        code="ZL01",
        geldig_van=date(2026, 1, 1),
        defaults={"omschrijving": "Begeleiding", "eenheid": "82", "frequentie": "4"},
    )
    contract = Contract.objects.create(
        nummer="BENCH-1",
        gemeente=gemeente,
        aanbieder=aanbieder,
        begindatum=date(2026, 1, 1),
        uitvoeringsvariant="outputgericht",
    )
    cp = ContractProduct.objects.create(contract=contract, product=product)
    Tarief.objects.create(
        contractproduct=cp, geldig_van=date(2026, 1, 1), bedrag=TARIEF
    )
    clienten = Client.objects.bulk_create(
        Client(
            gemeente=gemeente,
            bsn=bsn(10_000_000 + c * 13),
            geboortedatum=date(1950, 1, 1),
            geslacht="2",
            achternaam=f"Cliënt{c}",
            voorletters="A",
        )
        for c in range(CLIENTEN)
    )
    toewijzingen = Toewijzing.objects.bulk_create(
        Toewijzing(
            gemeente=gemeente,
            aanbieder=aanbieder,
            contract=contract,
            client=client,
            product=product,
            toewijzing_nummer=basis + c * PER_CLIENT + p + 1,
            toewijzingsdatum=date(2026, 1, 2),
            toewijzingstijd=dtime(9, 0),
            ingangsdatum=date(2026, 1, 1),
            volume=10,
            eenheid="82",
            frequentie="4",
        )
        for c, client in enumerate(clienten)
        for p in range(PER_CLIENT)
    )
    Levering.objects.bulk_create(
        Levering(toewijzing=t, soort="start", begindatum=date(2026, 1, 1))
        for t in toewijzingen
    )
    return basis, clienten


def _wmo323(basis: int, clienten) -> bytes:
    from berichten.xml import types as t
    from berichten.xml.codec import encode

    periode = t.Periode(begindatum=PERIODE[0], einddatum=PERIODE[1])
    declaratie_clienten = [
        t.DeclaratieClient(
            bsn=client.bsn,
            prestaties=[
                t.Prestatie(
                    product_referentie=t.Referentie(referentie_nummer=f"B{c}-{p}"),
                    toewijzing_nummer=basis + c * PER_CLIENT + p + 1,
                    product_categorie="02",
                    product_code="ZL01",
                    product_periode=periode,
                    geleverd_volume=VOLUME,
                    eenheid="82",
                    product_tarief=TARIEF,
                    ingediend_bedrag=t.Bedrag(bedrag=VOLUME * TARIEF),
                )
                for p in range(PER_CLIENT)
            ],
        )
        for c, client in enumerate(clienten)
    ]
    return encode(
        t.Wmo323(
            header=t.Header(
                afzender=BENCH_AGB,
                ontvanger="0059",
                bericht_identificatie=t.BerichtIdentificatie(
                    identificatie="BENCH2026010", dagtekening=date(2026, 11, 5)
                ),
            ),
            declaratie=t.Declaratie(
                declaratie_nummer="BENCH202610",
                declaratie_periode=periode,
                declaratie_dagtekening=date(2026, 11, 5),
                totaal_ingediend_bedrag=t.TotaalBedrag(
                    totaal_bedrag=VOLUME * TARIEF * CLIENTEN * PER_CLIENT
                ),
                clienten=declaratie_clienten,
            ),
        )
    )


def _bare_parse_xsd(inhoud: bytes, klok=time.perf_counter) -> float:
    """The floor: lxml parse + XSD validation of the same bytes, best of 5, in
    seconds of wall time like the whole path (measured right after it), or in
    CPU time with `klok=time.process_time`."""
    from lxml import etree

    from berichten.xml.validation import schema

    xml_schema = schema("WMO323")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_blank_text=True
    )
    best = float("inf")
    for _ in range(5):
        start = klok()
        assert xml_schema.validate(etree.fromstring(inhoud, parser))  # noqa: TID251
        best = min(best, klok() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", help="PostgreSQL URL; default: a temporary SQLite file"
    )
    parser.add_argument(
        "--bestaand",
        action="store_true",
        help="use the database as it is (with --database-url) and roll back at the end",
    )
    args = parser.parse_args()
    if args.bestaand and not args.database_url:
        parser.error("--bestaand needs --database-url")
    os.environ["DATABASE_URL"] = (
        args.database_url if args.bestaand else prepare_database(args.database_url)
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        ok = _run(args.bestaand)
        transaction.set_rollback(args.bestaand)  # an existing data set stays as it was
    if not ok:
        sys.exit(1)


def _warm() -> None:
    """Load what a running worker has loaded already, so the timing is of the
    message and not of first imports: the celery task (and celery's eager
    machinery), the holiday calendars of the werkdagen."""
    import celery.app.amqp  # noqa: F401
    import celery.app.trace  # noqa: F401
    import celery.backends.base  # noqa: F401
    import celery.contrib.django.task  # noqa: F401
    import kombu.transport.pyamqp  # noqa: F401

    import berichten.tasks  # noqa: F401
    from core import werkdagen

    werkdagen.plus_werkdagen(date(2026, 11, 6), 10)


def _run(bestaand: bool) -> bool:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from freezegun import freeze_time

    from berichten.kanaal import partij_uit_sleutel
    from berichten.models import Bericht
    from berichten.services import bericht_ontvangen
    from declaraties.models import Prestatie

    start = time.perf_counter()
    basis, clienten = _setup()
    inhoud = _wmo323(basis, clienten)
    print(
        f"database: {connection.vendor}"
        + (f" (existing: {Prestatie.objects.count():,} Prestaties)" if bestaand else "")
        + f"; setup {time.perf_counter() - start:.1f} s; "
        f"WMO323 {len(inhoud) / 1024 / 1024:.1f} MB, {CLIENTEN * PER_CLIENT} Prestaties"
    )

    _warm()
    profiel = (
        cProfile.Profile(time.process_time) if os.environ.get("BENCH_PROFILE") else None
    )
    backend_voor = backend_cpu(connection)
    with (
        freeze_time("2026-11-06 10:00:00", tick=True),
        CaptureQueriesContext(connection) as queries,
    ):
        start, cpu_start = time.perf_counter(), time.process_time()
        if profiel:
            profiel.enable()
        bericht = bericht_ontvangen(
            inhoud=inhoud,
            kanaal="map",
            namens=partij_uit_sleutel(f"aanbieder:{BENCH_AGB}"),
        )
        if profiel:
            profiel.disable()
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start

    backend_na = backend_cpu(connection)
    if profiel:
        pstats.Stats(profiel).sort_stats(
            os.environ.get("BENCH_SORT", "cumulative")
        ).print_stats(40)

    vloer = _bare_parse_xsd(inhoud)
    print(
        f"bare lxml parse + XSD of the same document: {vloer * 1000:.0f} ms "
        f"(best of 5); whole path / bare = {elapsed / vloer:.1f}x"
    )
    # On a busy machine wall time measures the other processes too: CPU time of
    # this process plus (PostgreSQL) the CPU time of its server backend.
    vloer_cpu = _bare_parse_xsd(inhoud, klok=time.process_time)
    if backend_voor is not None and backend_na is not None:
        db = backend_na - backend_voor
        vendor = connection.vendor
        waar = "in the database backend" if db or vendor == "postgresql" else "(SQLite)"
        print(
            f"CPU time: whole path {cpu:.2f} s here + {db:.2f} s {waar} "
            f"= {cpu + db:.2f} s; bare lxml parse + XSD {vloer_cpu * 1000:.0f} ms; "
            f"whole path / bare = {(cpu + db) / vloer_cpu:.1f}x"
        )
        cpu_ratio = f"{(cpu + db) / vloer_cpu:.1f}x"
    else:
        print(
            f"CPU time of this process: whole path {cpu:.2f} s (the database "
            f"backend not counted); bare {vloer_cpu * 1000:.0f} ms; "
            f"ratio {cpu / vloer_cpu:.1f}x"
        )
        cpu_ratio = f"{cpu / vloer_cpu:.1f}x (backend not counted)"
    belasting = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"RATIO whole path / bare lxml parse + XSD: CPU {cpu_ratio}, "
        f"wall {elapsed / vloer:.1f}x (aim: both <= 15x); load average {belasting}"
    )
    if os.environ.get("BENCH_SLOWEST"):
        for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:6]:
            print(f"  {float(q['time']):6.2f} s  {q['sql'][:160]}")
    antwoord = Bericht.objects.filter(
        heenbericht=bericht, bericht_type="WMO325"
    ).first()
    goed = Prestatie.objects.filter(
        declaratie__bericht=bericht, status="goedgekeurd"
    ).count()
    print(
        f"raw bytes -> stored Prestaties + WMO325: {elapsed:.2f} s, {len(queries)} queries"
    )
    print(
        f"status {bericht.status}; {goed} Prestaties goedgekeurd; 325: {antwoord is not None}"
    )
    if (
        bericht.status != "verwerkt"
        or goed != CLIENTEN * PER_CLIENT
        or antwoord is None
    ):
        print("unexpected result:", bericht.foutmelding, bericht.bevindingen[:3])
        return False
    return True


if __name__ == "__main__":
    main()
