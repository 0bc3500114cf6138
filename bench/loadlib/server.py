"""The server side of bench/load.py and bench/scale.py: database, settings, static
files, gunicorn and the background worker.

Creates and drops the PostgreSQL database, writes the temporary settings module, starts
gunicorn on a loopback port (and the worker, and a 1,000-recommendation plan, for
scale.py) and reads back from the database what the run wrote.
"""

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SEED_SLUG = "ct-joint-inspection-2023"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def step(what: str, detail: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {what}: {detail}", flush=True)


def admin_sql(*statements: str) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        for statement in statements:
            conn.execute(statement)


def manage(env: dict, *args: str, stdin: str | None = None) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        text=True,
        check=True,
        stdout=subprocess.DEVNULL,
    )


CREATE_USERS = """
import os
from django.contrib.auth import get_user_model
from accounts.models import Membership
from recommendations.models import ResponsibleBody

body, _ = ResponsibleBody.objects.get_or_create(
    name="HM Prison & Probation Service", defaults={"short_name": "HMPPS"}
)
User = get_user_model()
for i in range(int(os.environ["LOAD_USERS"])):
    user = User.objects.create_user(f"load{i + 1:02d}", password=os.environ["LOAD_PASSWORD"])
    Membership.objects.create(user=user, role=Membership.Role.EDITOR).bodies.set([body])
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(args, tmp: Path) -> tuple[dict, str]:
    password = secrets.token_urlsafe(16)
    # Production settings; only where static files go, and a log of server errors
    # (Django otherwise mails them to ADMINS), differ.
    (tmp / "bench_load_settings.py").write_text(
        "from tracker.settings.production import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(tmp / 'staticfiles')!r}\n"
        "LOGGING = {'version': 1, 'disable_existing_loggers': False,\n"
        "  'handlers': {'file': {'class': 'logging.FileHandler',\n"
        f"    'filename': {str(tmp / 'django-errors.log')!r}}}}},\n"
        "  'loggers': {'django.request': {'handlers': ['file'], 'level': 'ERROR'}}}\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench_load_settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{args.db}",
        # Rendered files (the background worker's PDFs) where every process finds them.
        "MEDIA_ROOT": str(tmp / "files"),
        "LOAD_USERS": str(args.users),
        "LOAD_PASSWORD": password,
    }
    env.pop("DJANGO_READ_DOT_ENV_FILE", None)
    env.pop("CACHE_URL", None)
    step("database", f"dropping and creating {args.db}")
    admin_sql(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)', f'CREATE DATABASE "{args.db}"')
    step("database", "migrate, createcachetable, load_plan, editors")
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    manage(env, "load_plan")
    manage(env, "shell", stdin=CREATE_USERS)
    step("static", "collectstatic into a temporary STATIC_ROOT")
    if not (ROOT / "static" / "vendor" / "govuk-frontend").is_dir():
        subprocess.run([str(ROOT / "scripts" / "build-assets")], cwd=ROOT, check=True)
    manage(env, "collectstatic", "--no-input")
    return env, password


CREATE_BIG_PLAN = """
import importlib.util, os, sys
# bench/import.py's plan shaped like the seed, written as an import writes it; its
# submissions are not frozen (that renders a PDF each).
spec = importlib.util.spec_from_file_location("bench_import", os.environ["BENCH_IMPORT"])
bench_import = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_import)
from recommendations.importing.writer import plan_import
data = bench_import.synthetic_plan(int(os.environ["BIG_SIZE"]), os.environ["BIG_SLUG"])
plan_import(data=data, freeze=False)
"""


def create_big_plan(env: dict, size: int, slug: str) -> None:
    """A plan of `size` recommendations for HMPPS (the editors' body), bench/import.py's."""
    step("database", f"a {size}-recommendation plan ({slug})")
    extra = {"BENCH_IMPORT": str(ROOT / "bench" / "import.py"), "BIG_SIZE": str(size)}
    manage({**env, **extra, "BIG_SLUG": slug}, "shell", stdin=CREATE_BIG_PLAN)


def queued_tasks(db: str) -> int:
    """Tasks waiting (their time may not have come) or running in the task queue."""
    with psycopg.connect(dbname=db, **PG) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()
    return count


def wait_for_idle_queue(db: str, timeout: float) -> float | None:
    """Seconds until the task queue is empty, or None after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if queued_tasks(db) == 0:
            return time.monotonic() - started
        time.sleep(1)
    return None


def start_worker(env: dict, log: Path, niceness: int = 10) -> subprocess.Popen:
    """The background worker on every queue, at a lower CPU priority than the web."""
    command = ["nice", "-n", str(niceness), PYTHON, "manage.py", "db_worker"]
    command += ["--queue-name", "*", "--no-startup-delay"]
    step("worker", " ".join(command[3:]) + f" (nice {niceness})")
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


class Supervisor(threading.Thread):
    """Starts the worker again a second after it exits, as systemd's Restart=always
    would: db_worker exits on any database error but a lock (django-tasks-db issue
    #49), a lost connection included. `exits` holds (when, exit status) of each exit."""

    def __init__(self, start):
        super().__init__(name="supervisor", daemon=True)
        self.start_process = start
        self.process = start()
        self.exits: list[tuple[float, int]] = []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(0.2):
            if self.process.poll() is not None:
                self.exits.append((time.monotonic(), self.process.returncode))
                step("worker", f"exited ({self.process.returncode}); starting it again")
                if self.stopping.wait(1):
                    return
                self.process = self.start_process()

    def stop(self):
        self.stopping.set()
        if self.process.poll() is None:
            stop(self.process)


def start_gunicorn(env: dict, workers: int, port: int, log: Path) -> subprocess.Popen:
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "tracker.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "60",
        "--error-logfile",
        str(log),
        "--log-level",
        "warning",
    ]
    step("gunicorn", " ".join(command[2:]))
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )


def wait_until_ready(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}): {log.read_text()[-2000:]}")
        try:
            answer = requests.get(
                f"http://127.0.0.1:{port}/accounts/login/",
                headers={"X-Forwarded-Proto": "https"},
                timeout=10,
            )
        except requests.RequestException:
            time.sleep(0.5)
            continue
        if answer.status_code != 200:
            raise SystemExit(f"the sign-in page answered {answer.status_code}")
        return
    raise SystemExit("gunicorn did not answer within 120 seconds")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def plan_targets(
    db: str, slug: str = SEED_SLUG
) -> tuple[list[int], list[tuple[int, int]], list[str]]:
    """A plan's recommendations with actions, (rec, action) pairs, owner names."""
    with psycopg.connect(dbname=db, **PG) as conn:
        rows = conn.execute(
            """
            SELECT r.id, a.id
            FROM recommendations_recommendation r
            JOIN recommendations_addresseegroup g ON g.id = r.group_id
            JOIN recommendations_actionplan p ON p.id = g.plan_id
            JOIN recommendations_action a ON a.recommendation_id = r.id
            WHERE p.slug = %s AND r.archived_at IS NULL AND a.archived_at IS NULL
            ORDER BY r.position, r.id, a.position, a.id
            """,
            [slug],
        ).fetchall()
        owners = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM recommendations_owner ORDER BY name LIMIT 5"
            ).fetchall()
        ]
    recs = sorted({rec for rec, _ in rows})
    return recs, rows, owners


def count_writes(db: str, run_id: str) -> tuple[Counter, Counter]:
    like = f"load-{run_id}-%"
    with psycopg.connect(dbname=db, **PG) as conn:
        progress = Counter(
            dict(
                conn.execute(
                    "SELECT text, count(*) FROM recommendations_progressupdate "
                    "WHERE text LIKE %s GROUP BY text",
                    [like],
                ).fetchall()
            )
        )
        edits = Counter(
            dict(
                conn.execute(
                    "SELECT history_change_reason, count(*) FROM recommendations_historicalaction "
                    "WHERE history_change_reason LIKE %s GROUP BY history_change_reason",
                    [like],
                ).fetchall()
            )
        )
    return progress, edits
