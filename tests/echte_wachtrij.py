"""A real broker and real workers for tests: a `redis-server` of the test's own on a
free port (never the machine's shared 6379), and `celery worker` processes against
the test database. Used by tests/core/test_real_worker.py and test_faults.py."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

import pytest

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = shutil.which("redis-server")

REDEN_OVERSLAAN = (
    "needs PostgreSQL (DATABASE_URL=postgres://…)"
    if connection.vendor != "postgresql"
    else "needs redis-server on the PATH (apt-get install redis-server)"
    if REDIS_SERVER is None
    else ""
)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        f"/{s['NAME']}"
    )


def wacht_tot(voorwaarde, seconden: float = 60, *, wat: str = "", processen=()):
    """Poll `voorwaarde()` until it is true; fail with `wat` after `seconden`."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        for proces in processen:
            if proces.poll() is not None:
                pytest.fail(f"{proces.args[3:6]} stopped: {proces.log()[-3000:]}")
        time.sleep(0.1)
    logs = "\n".join(p.log()[-3000:] for p in processen)
    pytest.fail(f"timed out waiting for {wat or voorwaarde}\n{logs}")


class Redis:
    """`redis-server` without persistence, as a subprocess; stop() loses its data."""

    def __init__(self):
        self.poort = vrije_poort()
        self.proces = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.poort}/{db}"

    def _antwoordt(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.poort), timeout=0.5).close()
        except OSError:
            return False
        return True

    def start(self) -> "Redis":
        self.proces = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.poort), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wacht_tot(self._antwoordt, 10, wat="redis-server to answer")
        verse_verbindingen()
        return self

    def stop(self) -> None:
        if self.proces is not None:
            self.proces.kill()
            self.proces.wait(10)
            self.proces = None
        verse_verbindingen()


def verse_verbindingen() -> None:
    """Forget pooled broker connections, so the next send connects anew to
    conf.broker_url (the broker may have been restarted or replaced)."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


class Worker:
    """A `celery worker` process on the test database; its log goes to a file."""

    def __init__(self, broker_url: str, log: Path, *, pool: str = "solo", **env):
        self.logbestand = log
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "DJANGO_LOG_LEVEL": "WARNING",
            **{k: str(v) for k, v in env.items()},
        }
        self.args = [sys.executable, "-m", "celery", "-A", "config", "worker"]
        self.args += ["--pool", pool, "-l", "info", "--concurrency", "1"]
        self.args += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        self.args += ["-n", f"{log.stem}@%h"]
        self.proces = None

    def start(self) -> "Worker":
        self._uit = self.logbestand.open("ab")
        self.proces = subprocess.Popen(
            self.args,
            cwd=ROOT,
            env=self.env,
            stdout=self._uit,
            stderr=subprocess.STDOUT,
        )
        return self

    def poll(self):
        return self.proces.poll()

    def log(self) -> str:
        return self.logbestand.read_text(errors="replace")

    def kinderen(self) -> list[int]:
        """The pool's child processes (prefork)."""
        pad = Path(f"/proc/{self.proces.pid}/task/{self.proces.pid}/children")
        try:
            return [int(pid) for pid in pad.read_text().split()]
        except OSError:
            return []

    def kill(self) -> None:
        """SIGKILL, as the OOM killer or a pulled plug: no clean shutdown."""
        for kind in self.kinderen():
            os.kill(kind, signal.SIGKILL)
        self.proces.kill()
        self.proces.wait(20)

    def stop(self) -> None:
        if self.proces is None:
            return
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._uit.close()


def celery_naar(broker_url: str, settings) -> tuple:
    """Send this process's tasks to `broker_url` instead of running them eagerly;
    returns what to restore."""
    conf = celery_app.conf
    eerder = (conf.task_always_eager, conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    conf.task_always_eager, conf.broker_url = False, broker_url
    verse_verbindingen()
    return eerder


def celery_terug(eerder: tuple) -> None:
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = eerder
    verse_verbindingen()
