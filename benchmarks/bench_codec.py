"""Time the iWmo XML layer: bare lxml parse + XSD validation vs decode vs encode.

Run from the repository root: ``python benchmarks/bench_codec.py``.
Workloads: one WMO323 with 10,000 Prestaties (2,000 cliënten) and a batch of
10,000 WMO301 messages (one client with one toewijzing each).

Times are CPU time of this process (`time.process_time`), best of 3: the work is
single-threaded, and on a shared machine wall-clock time mostly measures the
other processes. Both sides of each ratio are measured in the same run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date, time as dtime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree  # noqa: E402

from berichten.regels import controleer_inhoud  # noqa: E402
from berichten.xml import types as t  # noqa: E402
from berichten.xml.codec import decode, decode_element, encode  # noqa: E402
from berichten.xml.parser import identify, parse  # noqa: E402
from berichten.xml.validation import official_schema, schema, validate  # noqa: E402

CLIENTEN = 2_000
PRESTATIES_PER_CLIENT = 5
TOEWIJZINGEN = 10_000


def bsn(n: int) -> str:
    """A BSN passing the elfproef, derived from n."""
    while True:
        head = f"{n % 100_000_000:08d}"
        check = sum(int(d) * (9 - i) for i, d in enumerate(head)) % 11
        if check < 10:
            return head + str(check)
        n += 1


def header(afzender: str, ontvanger: str, ident: str) -> t.Header:
    return t.Header(
        afzender=afzender,
        ontvanger=ontvanger,
        bericht_identificatie=t.BerichtIdentificatie(
            identificatie=ident, dagtekening=date(2024, 2, 5)
        ),
    )


def wmo323() -> t.Wmo323:
    periode = t.Periode(begindatum=date(2024, 1, 1), einddatum=date(2024, 1, 31))
    clienten = [
        t.DeclaratieClient(
            bsn=bsn(100_000 + c * 7919),
            prestaties=[
                t.Prestatie(
                    product_referentie=t.Referentie(referentie_nummer=f"R{c}-{p}"),
                    toewijzing_nummer=c * 10 + p,
                    product_categorie="01",
                    product_code="01A03",
                    product_periode=periode,
                    geleverd_volume=4,
                    eenheid="04",
                    product_tarief=1250,
                    ingediend_bedrag=t.Bedrag(bedrag=5000),
                )
                for p in range(PRESTATIES_PER_CLIENT)
            ],
        )
        for c in range(CLIENTEN)
    ]
    return t.Wmo323(
        header=header("12345678", "0384", "D2024-01"),
        declaratie=t.Declaratie(
            declaratie_nummer="D202401",
            declaratie_periode=periode,
            declaratie_dagtekening=date(2024, 2, 5),
            totaal_ingediend_bedrag=t.TotaalBedrag(
                totaal_bedrag=5000 * CLIENTEN * PRESTATIES_PER_CLIENT
            ),
            clienten=clienten,
        ),
    )


def wmo301(n: int) -> t.Wmo301:
    return t.Wmo301(
        header=header("0384", "12345678", f"T{n}"),
        client=t.ToewijzingClient(
            bsn=bsn(100_000 + n * 7919),
            geboortedatum=t.Geboortedatum(datum=date(1950, 1, 1), datum_gebruik="1"),
            geslacht="2",
            naam=t.VolledigeNaam(
                geslachtsnaam=t.Achternaam(achternaam="Jansen"),
                voorletters="J",
                naam_gebruik="1",
            ),
            contactgegevens=[
                t.Contact(
                    soort="01",
                    adres=t.Adres(
                        huis=t.Huis(huisnummer=12),
                        postcode="1234AB",
                        straatnaam="Dorpsstraat",
                        plaatsnaam="Utrecht",
                        land_code="NL",
                    ),
                )
            ],
            toegewezen_producten=[
                t.ToegewezenProduct(
                    toewijzing_nummer=n,
                    product=t.Product(categorie="01", code="01A03"),
                    toewijzingsdatum=date(2024, 1, 2),
                    toewijzingstijd=dtime(10, 30),
                    ingangsdatum=date(2024, 1, 1),
                    einddatum=date(2024, 12, 31),
                    omvang=t.Omvang(volume=4, eenheid="04", frequentie="2"),
                )
            ],
        ),
    )


def timed(fn: Callable[[], Any], repeat: int = 3) -> float:
    """Best of `repeat` runs, in CPU seconds (the machine may be shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def xsd(bericht: str) -> etree.XMLSchema:
    return schema(bericht) if schema is not None else official_schema(bericht)


def bench(name: str, msgs: list[Any]) -> None:
    bericht = msgs[0].BERICHT
    xml_schema = xsd(bericht)
    docs = [encode(m) for m in msgs]
    t_encode = timed(lambda: [encode(m) for m in msgs])
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_blank_text=True
    )

    def bare() -> None:
        for d in docs:
            assert xml_schema.validate(etree.fromstring(d, parser))  # noqa: TID251

    def decode_all() -> None:
        decoded = [decode(d) for d in docs]
        assert decoded[0] == msgs[0]

    def pipeline() -> None:
        # What the portal does with an inbound file before the database levels:
        # hardened parse, XSD (level 1), decode from that tree, in-message
        # rules (level 2) — as berichten.verwerking._verwerk does.
        for d in docs:
            root = parse(d)
            kind = identify(root)
            assert not validate(root, kind.bericht)
            assert not controleer_inhoud(decode_element(root, kind))

    parsed = [(root, identify(root)) for root in map(parse, docs)]

    def decode_rules() -> None:
        # The part after XSD: decode from the validated tree, level-2 rules.
        for root, kind in parsed:
            assert not controleer_inhoud(decode_element(root, kind))

    t_bare = timed(bare)
    t_decode = timed(decode_all)
    t_decode_rules = timed(decode_rules)
    t_pipeline = timed(pipeline)
    size = sum(map(len, docs)) / 1024 / 1024
    print(f"\n{name}: {len(docs)} document(s), {size:.1f} MB")
    print(f"  {'lxml parse + XSD validate':<28}{t_bare * 1000:>9.0f} ms")
    print(f"  {'decode (hardened parse)':<28}{t_decode * 1000:>9.0f} ms")
    print(f"  {'encode':<28}{t_encode * 1000:>9.0f} ms")
    print(f"  {'decode+rules (from tree)':<28}{t_decode_rules * 1000:>9.0f} ms")
    print(f"  {'parse+XSD+decode+rules':<28}{t_pipeline * 1000:>9.0f} ms")
    print(f"  {'ratio decode / bare lxml':<28}{t_decode / t_bare:>9.2f}")
    print(f"  {'ratio decode+rules / bare':<28}{t_decode_rules / t_bare:>9.2f}")
    print(f"  {'ratio pipeline / bare lxml':<28}{t_pipeline / t_bare:>9.2f}")


def main() -> None:
    source = "project schemas" if schema is not None else "official schemas"
    print(f"iWmo 3.2 codec benchmark (XSD: {source})")
    bench(f"WMO323, {CLIENTEN * PRESTATIES_PER_CLIENT} Prestaties", [wmo323()])
    bench(f"WMO301 batch of {TOEWIJZINGEN}", [wmo301(n) for n in range(TOEWIJZINGEN)])


if __name__ == "__main__":
    main()
