"""EXPLAIN ANALYZE of every query of the main list pages and API lists.

Load the large data set first (`python manage.py demo_data --scale large`), then:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wmo_large \
        python benchmarks/explain_lists.py [--json uit.json] [--pagina /berichten/]

For the demo users `gemeente` and `aanbieder` it opens each page (default order,
each sortering and each filter, see tests/scale/explain.py), runs EXPLAIN ANALYZE
on each query it made and prints per page the slowest query (ms) and every
sequential scan of a large table. Only reads; the database stays as it is.
"""

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write every measurement to this file")
    parser.add_argument("--pagina", help="only urls starting with this path")
    parser.add_argument("--drempel", type=float, default=50.0, help="slow from (ms)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from tests.scale.explain import cases, gebruiker, plan, queries_van, seq_scans

    if connection.vendor != "postgresql":
        sys.exit("Zet DATABASE_URL op een PostgreSQL-database met de grote dataset.")
    setup_test_environment()
    metingen = []
    for rol in ("gemeente", "aanbieder"):
        user = gebruiker(rol)
        for url in cases(rol, user):
            if args.pagina and not url.startswith(args.pagina):
                continue
            for sql in queries_van(user, url):
                p = plan(sql, analyze=True)
                metingen.append(
                    {
                        "rol": rol,
                        "url": url,
                        "ms": round(p["Execution Time"] + p["Planning Time"], 2),
                        "seq_scans": seq_scans(p),
                        "sql": sql,
                    }
                )
    per_pagina = defaultdict(list)
    for m in metingen:
        per_pagina[(m["rol"], m["url"].split("?")[0])].append(m)
    print(f"{'rol':10} {'pagina':32} {'queries':>7} {'traagst ms':>10}  traagste url")
    for (rol, pad), rijen in per_pagina.items():
        traagst = max(rijen, key=lambda m: m["ms"])
        print(
            f"{rol:10} {pad:32} {len(rijen):7} {traagst['ms']:10.1f}  {traagst['url']}"
        )
    print()
    for m in sorted(metingen, key=lambda m: -m["ms"]):
        if m["ms"] >= args.drempel or m["seq_scans"]:
            print(
                f"{m['ms']:9.1f} ms {m['rol']:9} {m['url']}  seq: {','.join(m['seq_scans'])}"
            )
            print(f"            {m['sql'][:300]}")
    if args.json:
        Path(args.json).write_text(json.dumps(metingen, indent=1))


if __name__ == "__main__":
    main()
