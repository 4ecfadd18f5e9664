"""Run code in parallel threads, each with its own database connection."""

import threading

from django.db import connections


def parallel(functie, aantal: int = 2) -> list:
    """Run `functie` in `aantal` threads at once, each with its own connection."""
    start = threading.Barrier(aantal)
    resultaten: list = [None] * aantal

    def run(i):
        try:
            start.wait()
            resultaten[i] = functie()
        except Exception as exc:  # reported to the test
            resultaten[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(aantal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return resultaten
