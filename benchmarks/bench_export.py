"""The afgekeurde-regels export (CSV) of the large gemeente, against its floor.

    python benchmarks/bench_export.py --database-url postgres://…/wmo_large

Times what the export job does (the page's queryset, one row per line with its
codes' texts, tablib CSV) and the floor: the same rows read with `values_list`
and written with the csv module, no texts. Best of 3, wall time.
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _best(fn, n: int = 3):
    best, uitkomst = float("inf"), None
    for _ in range(n):
        start = time.perf_counter()
        uitkomst = fn()
        best = min(best, time.perf_counter() - start)
    return best, uitkomst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--gebruiker", default="gemeente")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from core.models import User
    from declaraties import exports, selectors

    user = User.objects.get(username=args.gebruiker)
    regels = selectors.afgekeurde_regel_list(user=user)

    def export() -> int:
        data = exports.afgekeurde_regels(regels.all())
        return len(data.export("csv"))

    def vloer() -> int:
        uit = io.StringIO()
        schrijver = csv.writer(uit)
        for rij in regels.values_list(
            "declaratie__declaratie_nummer",
            "bsn",
            "toewijzing_nummer",
            "product_categorie",
            "product_code",
            "begindatum",
            "einddatum",
            "ingediend_bedrag",
            "retourcodes",
        ):
            schrijver.writerow(rij)
        return len(uit.getvalue())

    aantal = regels.count()
    t_vloer, _ = _best(vloer)
    t_export, grootte = _best(export)
    print(
        f"{aantal} afgekeurde regels for {args.gebruiker}; CSV {grootte / 1e6:.1f} MB"
    )
    print(f"  floor (values_list + csv)   {t_vloer * 1000:8.0f} ms")
    print(f"  export (as the job does)    {t_export * 1000:8.0f} ms")
    print(f"  ratio                       {t_export / t_vloer:8.1f}x")


if __name__ == "__main__":
    main()
