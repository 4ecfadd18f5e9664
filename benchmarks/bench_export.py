"""The afgekeurde-regels export of the large gemeente, against its floor.

    python benchmarks/bench_export.py --database-url postgres://…/wmo_large \
        [--regels 100000] [--formaat csv|xlsx] [--gebruiker gemeente]

Everything runs in one transaction that is rolled back at the end. First it rejects
more of the gemeente's approved lines, as the check does (status afgekeurd and
retourcodes, the same codes the large data set uses), until `--regels` lines are
rejected. Then it times the export job itself
(`declaraties.taken.afgekeurde_regels_exporteren`: the page's list, its progress, the
file written under a temporary MEDIA_ROOT) against the floor: the same lines read
with `values_list` and written with the csv module, no texts. The two alternate,
best of 3, in wall time and in CPU time (this process plus the PostgreSQL backend
that serves it); on a busy machine go by CPU. The peak RSS is read around the first
export, before anything else has grown the process.
"""

import argparse
import csv
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _gemeenschappelijk import backend_cpu  # noqa: E402

# The codes of the large data set's rejected lines, in turn.
RETOURCODES = (["9321"], ["9307"], ["0611", "9346"], ["9340"], ["8187"], ["9338"])


def _afkeuren(user, aantal: int) -> None:
    """Reject approved lines of the user's gemeente until `aantal` are rejected."""
    from declaraties.constants import PrestatieStatus
    from declaraties.models import Prestatie

    lijnen = Prestatie.objects.filter(declaratie__gemeente=user.gemeente)
    tekort = aantal - lijnen.filter(status=PrestatieStatus.AFGEKEURD).count()
    if tekort <= 0:
        return
    ids = list(
        lijnen.filter(status=PrestatieStatus.GOEDGEKEURD)
        .order_by("id")
        .values_list("id", flat=True)[:tekort]
    )
    for nummer, codes in enumerate(RETOURCODES):
        Prestatie.objects.filter(pk__in=ids[nummer :: len(RETOURCODES)]).update(
            status=PrestatieStatus.AFGEKEURD, retourcodes=codes
        )


def _gemeten(fn) -> tuple[float, float, object]:
    """Wall and CPU seconds (process + database backend) of `fn()`, and its result."""
    from django.db import connection

    db_voor, cpu_voor = backend_cpu(connection), time.process_time()
    start = time.perf_counter()
    uitkomst = fn()
    wand = time.perf_counter() - start
    cpu = time.process_time() - cpu_voor + (backend_cpu(connection) or 0) - db_voor
    return wand, cpu, uitkomst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--gebruiker", default="gemeente")
    parser.add_argument("--regels", type=int, default=100_000)
    parser.add_argument("--formaat", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--herhalingen", type=int, default=3)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from core.models import Taak, User
    from declaraties import selectors, taken

    user = User.objects.get(username=args.gebruiker)
    regels = selectors.afgekeurde_regel_list(user=user)

    def export() -> int:
        taak = Taak.objects.create(gebruiker=user, soort="bench", functie="bench")
        taken.afgekeurde_regels_exporteren(taak, formaat=args.formaat)
        return taak.bestand.size

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

    with (
        tempfile.TemporaryDirectory(prefix="bench-export-") as media,
        transaction.atomic(),
    ):
        settings.MEDIA_ROOT = media  # the job's files, removed at the end
        _afkeuren(user, args.regels)
        aantal = regels.count()
        rss_voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        metingen: dict[str, list[tuple[float, float]]] = {"vloer": [], "export": []}
        grootte = 0
        for _ in range(args.herhalingen):
            for naam, fn in (("export", export), ("vloer", vloer)):
                wand, cpu, uitkomst = _gemeten(fn)
                metingen[naam].append((wand, cpu))
                if naam == "export":
                    grootte = int(uitkomst)  # type: ignore[call-overload]
                    if len(metingen["export"]) == 1:  # before the floor has run
                        rss_na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        transaction.set_rollback(True)

    def best(naam: str, i: int) -> float:
        return min(m[i] for m in metingen[naam])

    print(
        f"{aantal} afgekeurde regels for {args.gebruiker}; "
        f"{args.formaat.upper()} {grootte / 1e6:.1f} MB; load average "
        f"{os.getloadavg()[0]:.2f}; best of {args.herhalingen}"
    )
    print("                               wall        CPU (process + backend)")
    for naam, label in (
        ("vloer", "floor (values_list + csv)"),
        ("export", "export job"),
    ):
        print(f"  {label:27} {best(naam, 0):6.2f} s   {best(naam, 1):6.2f} s")
    print(
        f"  ratio                       {best('export', 0) / best('vloer', 0):6.1f}x"
        f"   {best('export', 1) / best('vloer', 1):6.1f}x"
    )
    print(
        f"  peak RSS {rss_voor / 1024:.0f} MB before the first export, "
        f"{rss_na / 1024:.0f} MB after it"
    )


if __name__ == "__main__":
    main()
