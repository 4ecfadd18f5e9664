"""Times every dashboard (/rapportages/) and its export against an existing database.

    python benchmarks/bench_rapportages.py \
        --database-url postgres://postgres@127.0.0.1:5432/wmo_large [--jaar 2026]

Meant for the large data set (`python manage.py demo_data --scale large`, 1,000,000
Prestaties). Logs in as the demo users `gemeente` (Achtkarspelen) and `aanbieder`,
gives every contract the gemeente sees a budget for the year (so the uitputting has
work) and rolls that back at the end. Each page: the first request, then the best of
`--herhalingen`, and the number of database queries.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _meten(client, methode: str, url: str, herhalingen: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tijden = []
    for _ in range(herhalingen + 1):
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            antwoord = getattr(client, methode)(url)
            tijden.append(time.perf_counter() - begin)
        if antwoord.status_code != 200:
            raise SystemExit(f"{url}: status {antwoord.status_code}")
    return tijden[0], min(tijden[1:]), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--jaar", type=int, default=2026)
    parser.add_argument("--herhalingen", type=int, default=3)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    import logging

    logging.getLogger("axes").setLevel(logging.WARNING)
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    from declaraties.models import Prestatie
    from rapportages.models import Budget
    from stamgegevens.models import Contract

    gebruikers = get_user_model()
    print(f"Prestaties in the database: {Prestatie.objects.count():,}")
    j = args.jaar
    paginas = {
        "gemeente": [
            ("get", f"/rapportages/?jaar={j}"),
            ("get", f"/rapportages/?jaar={j}&categorie=02"),
            ("post", f"/rapportages/export.xlsx?jaar={j}"),
            ("get", "/rapportages/budgetten/"),
        ],
        "aanbieder": [
            ("get", f"/rapportages/?jaar={j}"),
            ("post", f"/rapportages/export.xlsx?jaar={j}"),
        ],
    }
    with transaction.atomic():
        gemeente = gebruikers.objects.get(username="gemeente")
        Budget.objects.bulk_create(
            [
                Budget(contract=c, jaar=j, bedrag=100_000_000)
                for c in Contract.objects.visible_to(gemeente)
            ],
            ignore_conflicts=True,
        )
        print(
            f"{'user':<10} {'page':<44} {'first ms':>9} {'best ms':>8} {'queries':>8}"
        )
        for username, urls in paginas.items():
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(gebruikers.objects.get(username=username))
            for methode, url in urls:
                eerste, beste, aantal = _meten(client, methode, url, args.herhalingen)
                print(
                    f"{username:<10} {methode.upper() + ' ' + url:<44} "
                    f"{eerste * 1000:>9.0f} {beste * 1000:>8.0f} {aantal:>8}"
                )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
