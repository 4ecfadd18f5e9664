"""What the database benchmarks share: a fresh database, valid BSNs, an aanbieder
of their own, and the CPU time of the PostgreSQL backend that serves this process."""

import os
import tempfile


def prepare_database(url: str | None) -> str:
    """A temporary SQLite file, or the PostgreSQL database `url` dropped and
    created afresh."""
    if url is None:
        return f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def django_opzetten(url: str | None) -> None:
    """Django on a fresh database (`prepare_database`), migrated, without debug."""
    os.environ["DATABASE_URL"] = prepare_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bsn(n: int) -> str:
    """The first BSN (elfproef) from n on."""
    from stdnum.nl import bsn as stdnum_bsn

    while True:
        kandidaat = f"{n:08d}"
        for check in range(10):
            if stdnum_bsn.is_valid(kandidaat + str(check)):
                return kandidaat + str(check)
        n += 1


def backend_cpu(connection) -> float | None:
    """CPU seconds used so far by the PostgreSQL backend process that serves
    `connection` (a local server: /proc/<pid>/stat), None when unknown."""
    if connection.vendor != "postgresql":
        return 0.0  # SQLite runs in this process: its CPU time is counted there
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/stat") as stat:
            velden = stat.read().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def bench_aanbieder(agb_code: str):
    """An aanbieder of the bench's own (beside an existing data set too)."""
    from stamgegevens.models import Aanbieder

    return Aanbieder.objects.create(
        agb_code=agb_code,
        naam="Bench Zorg",
        straat="Dorpsstraat",
        huisnummer="1",
        postcode="9231 AB",
        plaats="Surhuisterveen",
        btw_nummer="NL812345678B01",
        kvk_nummer="01234567",
        iban="NL91ABNA0417164300",
    )
