"""The start page's counts on a (large) database: recomputed vs kept.

    python benchmarks/bench_start.py --database-url postgres://…/wmo_large

For the contract manager of the large gemeente (`gemeente`) and the demo
aanbieder (`aanbieder`): the time to compute the counts and first signals
(what every visit cost before they were kept, and what the beat task now
spends per party), the time to read the kept row, and a whole GET / with the
row fresh. Best of 3, wall time. Nothing is changed but core.Werkvoorraad rows.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _best(fn, n: int = 3) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from core.models import User
    from portaal import werkvoorraad as start

    settings.ALLOWED_HOSTS = ["*"]
    print(f"{'user':<12}{'compute':>10}{'kept read':>12}{'GET / (kept)':>15}")
    for naam in ("gemeente", "aanbieder"):
        user = User.objects.get(username=naam)
        berekenen = _best(lambda u=user: start._werkvoorraad_berekenen(u))
        start.werkvoorraad_bewaren(user)
        lezen = _best(lambda u=user: start.werkvoorraad(u))
        client = Client()
        client.force_login(user)
        pagina = _best(lambda c=client: c.get("/"))
        print(
            f"{naam:<12}{berekenen * 1000:>8.0f} ms{lezen * 1000:>10.1f} ms"
            f"{pagina * 1000:>13.0f} ms"
        )


if __name__ == "__main__":
    main()
