"""What the benchmark scripts share: the CPU time of the PostgreSQL backend."""

import os


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
