"""Faults for bench/scale.py: PostgreSQL restarted under load, watched from outside.

Restarting the cluster disconnects everything using it on this machine, so the bench
does it only when asked (--restart-postgres). `pg_ctlcluster` runs as root (it switches
to the cluster's owner) or as that owner.
"""

import subprocess
import threading
import time

import psycopg

from .server import PG, step


def local_cluster(port: int = PG["port"]) -> tuple[str, str]:
    """The Debian cluster (version, name) listening on `port`, from pg_lsclusters."""
    listing = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout
    for line in listing.splitlines():
        version, name, cluster_port, *_ = line.split()
        if int(cluster_port) == port:
            return version, name
    raise SystemExit(f"no PostgreSQL cluster on port {port} in pg_lsclusters")


def postgres_answers() -> bool:
    try:
        with psycopg.connect(dbname="postgres", connect_timeout=1, **PG) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


class PostgresRestart(threading.Thread):
    """Restarts the local cluster after `delay` seconds; records when it went away
    (the command started) and when it first answered a query again."""

    def __init__(self, delay: float):
        super().__init__(name="postgres-restart", daemon=True)
        self.delay = delay
        self.cluster = local_cluster()
        self.started: float | None = None
        self.answered: float | None = None
        self.error: str | None = None

    def run(self):
        time.sleep(self.delay)
        version, name = self.cluster
        step("fault", f"pg_ctlcluster {version} {name} restart")
        self.started = time.monotonic()
        done = subprocess.run(
            ["pg_ctlcluster", version, name, "restart"], capture_output=True, text=True
        )
        if done.returncode != 0:
            self.error = (done.stderr or done.stdout).strip()[-500:]
        while not postgres_answers():
            time.sleep(0.05)
        self.answered = time.monotonic()
        step(
            "fault",
            f"PostgreSQL answered {self.answered - self.started:.1f} s after the restart began",
        )
