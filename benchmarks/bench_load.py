"""Load test: a real server (gunicorn) on loopback, many logged-in users at once.

Starts gunicorn against the given PostgreSQL database (load it first with
`DATABASE_URL=... python manage.py demo_data --scale large`), logs in N virtual
users of different roles, lets each walk the main list pages and API lists for a
fixed time, and reports throughput and p50/p95/p99 latency per page.

    python benchmarks/bench_load.py --database-url postgres://postgres@127.0.0.1:5432/wmo_large \
        --users 20 --seconds 60 --workers 4

Only 127.0.0.1 is ever contacted; every loop is bounded in time and count.
"""

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
WACHTWOORD = "wmo-demo-2026"
MAX_REQUESTS_PER_USER = 100_000

PAGINAS = {
    # Every list page and API list a contract manager uses, and the start page.
    "gemeente": [
        "/",
        "/toewijzingen/",
        "/toewijzingen/clienten/",
        "/toewijzingen/verzoeken/",
        "/toewijzingen/signalen/",
        "/berichten/",
        "/declaraties/",
        "/declaraties/uitval/",
        "/declaraties/start-ontbreekt/",
        "/rapportages/",
        "/rapportages/budgetten/",
        "/meldingen/",
        "/taken/",
        "/stamgegevens/contracten/",
        "/stamgegevens/aanbieders/",
        "/stamgegevens/producten/",
        "/stamgegevens/wijzigingen/",
        "/api/toewijzingen/",
        "/api/berichten/",
        "/api/clienten/",
        "/api/declaraties/",
        "/api/prestaties/",
        "/api/prestaties/?status=afgekeurd",
        "/api/leveringen/",
        "/api/verzoeken/",
        "/api/outbox/",
        "/api/contracten/",
    ],
    "aanbieder": [
        "/",
        "/toewijzingen/",
        "/toewijzingen/clienten/",
        "/toewijzingen/verzoeken/",
        "/toewijzingen/signalen/",
        "/berichten/",
        "/declaraties/",
        "/declaraties/afgekeurd/",
        "/rapportages/",
        "/meldingen/",
        "/taken/",
        "/stamgegevens/contracten/",
        "/stamgegevens/producten/",
        "/stamgegevens/wijzigingen/",
        "/api/toewijzingen/",
        "/api/berichten/",
        "/api/clienten/",
        "/api/declaraties/",
        "/api/prestaties/",
        "/api/prestaties/?status=afgekeurd",
        "/api/leveringen/",
        "/api/verzoeken/",
        "/api/outbox/",
        "/api/contracten/",
    ],
}
# Half the users are contract managers of the large gemeente (0059, which sees every
# row), half aanbieder staff: the demo aanbieder and the generated ones of the large
# data set (`aanbieder-<agb>`), each seeing its own share.
GEMEENTE = "gemeente"


class VirtueleGebruiker:
    def __init__(self, port: int, username: str):
        self.port = port
        self.username = username
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def _request(self, method: str, path: str, body: str | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def login(self) -> None:
        _, page = self._request("GET", "/inloggen/")
        token = (
            re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            .group(1)
            .decode()
        )
        body = urllib.parse.urlencode(
            {
                "username": self.username,
                "password": WACHTWOORD,
                "csrfmiddlewaretoken": token,
            }
        )
        status, _ = self._request(
            "POST",
            "/inloggen/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{HOST}:{self.port}/inloggen/",
            },
        )
        if status != 302:
            raise SystemExit(f"login of {self.username} failed ({status})")

    def get(self, path: str) -> tuple[int, float]:
        start = time.perf_counter()
        status, _ = self._request("GET", path)
        return status, time.perf_counter() - start


def _wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            http.client.HTTPConnection(HOST, port, timeout=2).request(
                "GET", "/inloggen/"
            )
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def _percentiel(waarden: list[float], p: float) -> float:
    if len(waarden) < 2:
        return waarden[0] if waarden else 0.0
    return statistics.quantiles(waarden, n=100, method="inclusive")[int(p) - 1]


def _aanbieder_gebruikers(database_url: str, aantal: int) -> list[str]:
    """The demo aanbieder and up to `aantal` generated aanbieder users."""
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as c:
        namen = c.execute(
            "SELECT username FROM core_user WHERE username LIKE 'aanbieder-%%' "
            "ORDER BY username LIMIT %s",
            (aantal,),
        ).fetchall()
    return ["aanbieder"] + [naam for (naam,) in namen]


def _celery_worker(env: dict[str, str]) -> subprocess.Popen:
    """One worker process with the beat schedule embedded, as a small deployment runs it."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-B",
            "--concurrency",
            "1",
            "--loglevel",
            "warning",
            "--schedule",
            f"/tmp/bench_load_beat_{os.getpid()}",
        ],
        cwd=ROOT,
        env=env,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument(
        "--denktijd",
        type=float,
        default=0.0,
        help="mean think time between a user's clicks in seconds (0: none)",
    )
    parser.add_argument(
        "--broker-url",
        help="run as in production: a celery worker with beat on this broker "
        "(redis://127.0.0.1:6379/9) keeps the start-page counts and the dashboard "
        "summary fresh; without it the web workers recompute them on expiry",
    )
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_CONN_MAX_AGE": "60",
    }
    if args.broker_url:
        env["CELERY_BROKER_URL"] = args.broker_url
    worker = _celery_worker(env) if args.broker_url else None
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            str(args.workers),
            "--threads",
            str(args.threads),
            "-b",
            f"{HOST}:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_for(args.port)
        aanbieders = _aanbieder_gebruikers(args.database_url, args.users)
        gebruikers = []
        for i in range(args.users):
            if i % 2 == 0:
                username, rol = GEMEENTE, "gemeente"
            else:
                username, rol = aanbieders[(i // 2) % len(aanbieders)], "aanbieder"
            vu = VirtueleGebruiker(args.port, username)
            vu.login()
            gebruikers.append((vu, rol))
        # A warm server: every user opens each of its pages once, unmeasured.
        for vu, rol in gebruikers:
            for pad in PAGINAS[rol]:
                vu.get(pad)

        metingen: dict[str, list[float]] = defaultdict(list)
        fouten: dict[str, int] = defaultdict(int)
        lock = threading.Lock()
        denken = random.Random(2026)  # the same pauses on every run
        einde = time.perf_counter() + args.seconds

        def loop(vu: VirtueleGebruiker, rol: str, eerste: int, wacht: float) -> None:
            paginas = PAGINAS[rol]
            time.sleep(wacht)
            for n in range(eerste, eerste + MAX_REQUESTS_PER_USER):
                if time.perf_counter() >= einde:
                    return
                pad = paginas[n % len(paginas)]
                status, duur = vu.get(pad)
                with lock:
                    metingen[pad].append(duur)
                    if status != 200:
                        fouten[pad] += 1
                if args.denktijd:
                    # A person reads the page before the next click (exponential,
                    # mean --denktijd seconds); never past the end of the run.
                    pauze = denken.expovariate(1 / args.denktijd)
                    time.sleep(max(0.0, min(pauze, einde - time.perf_counter())))

        start = time.perf_counter()
        # People do not click in step: each starts on a page of its own, after a
        # pause of its own.
        threads = [
            threading.Thread(
                target=loop,
                args=(
                    vu,
                    rol,
                    denken.randrange(len(PAGINAS[rol])),
                    denken.uniform(0, args.denktijd),
                ),
            )
            for vu, rol in gebruikers
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.seconds + 60)
        verstreken = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(20)
        if worker:
            worker.terminate()
            worker.wait(30)

    alle = [d for waarden in metingen.values() for d in waarden]
    print(
        f"{args.users} users (think time {args.denktijd:g} s), {args.workers} gunicorn "
        f"workers, {verstreken:.0f} s, {len(alle)} requests, "
        f"{len(alle) / verstreken:.1f} req/s"
    )
    print(f"{'page':<30}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for pad, waarden in sorted(metingen.items()):
        print(
            f"{pad:<30}{len(waarden):>7}{_percentiel(waarden, 50) * 1000:>9.0f}"
            f"{_percentiel(waarden, 95) * 1000:>9.0f}{_percentiel(waarden, 99) * 1000:>9.0f}{fouten[pad]:>8}"
        )
    print(
        f"{'all':<30}{len(alle):>7}{_percentiel(alle, 50) * 1000:>9.0f}"
        f"{_percentiel(alle, 95) * 1000:>9.0f}{_percentiel(alle, 99) * 1000:>9.0f}{sum(fouten.values()):>8}"
    )


if __name__ == "__main__":
    main()
