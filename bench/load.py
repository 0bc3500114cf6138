"""Load benchmark: signed-in editors writing at once, against gunicorn and PostgreSQL.

    .venv/bin/python bench/load.py [--seconds 30 --users 20]

What it does, all on this machine (traffic only to 127.0.0.1):

1. Creates a fresh PostgreSQL database (postgres@127.0.0.1, DATABASE `tracker_load`,
   dropped first if it exists, and dropped again at the end unless --keep-db), migrates
   it, creates the cache table, loads the seed plan and creates --users editors (a
   Membership with the editor role for HMPPS, as `create_demo_users` does).
2. Collects static files into a temporary directory and starts gunicorn on a free
   loopback port with the production settings (tracker.settings.production, imported
   by a temporary settings module that changes only STATIC_ROOT, so that nothing is
   written into the repository). SECRET_KEY is random, ALLOWED_HOSTS=127.0.0.1 and
   SECURE_SSL_REDIRECT=false; clients send `X-Forwarded-Proto: https` (production
   trusts it: SECURE_PROXY_SSL_HEADER) and an Origin header, and keep the Secure,
   __Host- cookies although the loopback connection is plain HTTP.
3. Drives --users concurrent editors for --seconds. Each signs in through
   /accounts/login/ with its CSRF token, then loops: GET a recommendation's progress
   form, POST a progress update (round "July 2025", a text unique to the request);
   GET the edit form of an action shared with other users, POST a change with the
   form's version token and a unique change reason. A stale edit refused with the
   conflict message (200) is a correct answer; a 302 is an acknowledged write.
4. Counts rows: every acknowledged progress update must exist exactly once (by its
   text), every acknowledged action edit must be in the action's history (by its
   change reason).

Goals: 0 server errors, 0 lost acknowledged writes, p95 latency < 250 ms.
Exit status 1 if a goal is missed.
"""

import argparse
import http.client
import http.cookies
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SEED_SLUG = "ct-joint-inspection-2023"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
P95_GOAL_MS = 250
ROUND = "July 2025"
CONFLICT = "saved a change to this at"


# --- Setting up: database, settings, static files, gunicorn ---------------------------


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
from recommendations.models import Membership, ResponsibleBody

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


def plan_targets(db: str) -> tuple[list[int], list[tuple[int, int]], list[str]]:
    """The seed plan's recommendations with actions, (rec, action) pairs, owner names."""
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
            [SEED_SLUG],
        ).fetchall()
        owners = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM recommendations_owner ORDER BY name LIMIT 5"
            ).fetchall()
        ]
    recs = sorted({rec for rec, _ in rows})
    return recs, rows, owners


# --- A signed-in editor ----------------------------------------------------------------


@dataclass
class Answer:
    status_code: int
    text: str


class LoopbackSession:
    """A signed-in browser's cookies over plain HTTP to loopback, on http.client.

    The server believes it is behind a TLS proxy because of X-Forwarded-Proto, so it sets
    Secure, __Host- cookies, which this sends back although the connection is plain HTTP.
    http.client rather than requests: this process shares the two cores with the server
    it measures, and requests costs about twice the CPU per request.
    """

    def __init__(self, base: str, headers: dict[str, str], timeout: float):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.headers, self.timeout = headers, timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return Answer(response.status, content.decode("utf-8", errors="replace"))
        finally:
            conn.close()


class FormFields(HTMLParser):
    """The values a browser would submit from the page's forms."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self.values[name] = a.get("value") or "on"
            elif kind not in {"submit", "button"}:
                self.values[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea:
                # A browser drops one newline straight after <textarea>.
                self.values[self._textarea] = self.values[self._textarea].removeprefix("\n")
            self._textarea = None


def form_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.values


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MARKER = re.compile(r"\n*\(load edit [^)]*\)$")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    progress_acked: list[str] = field(default_factory=list)
    progress_unknown: list[str] = field(default_factory=list)  # no answer: may have saved
    edits_acked: list[str] = field(default_factory=list)
    edits_unknown: list[str] = field(default_factory=list)
    stale_refused: int = 0
    form_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int | None):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[status] += 1


class Editor(threading.Thread):
    def __init__(self, n, base, password, run_id, recs, pairs, owners, deadline, args, tally):
        super().__init__(name=f"editor-{n}", daemon=True)
        self.n, self.base, self.password, self.run_id = n, base, password, run_id
        self.recs, self.pairs, self.owners = recs, pairs, owners
        self.deadline, self.args, self.tally = deadline, args, tally
        self.session = LoopbackSession(
            base,
            {
                "X-Forwarded-Proto": "https",
                "Origin": base.replace("http://", "https://"),
                "User-Agent": "bench/load.py",
            },
            args.timeout,
        )

    def request(self, kind, method, path, data=None):
        start = time.perf_counter()
        try:
            response = self.session.request(method, path, data)
        except (OSError, http.client.HTTPException) as error:
            self.tally.record(kind, time.perf_counter() - start, None)
            with self.tally.lock:
                self.tally.errors.append(f"{kind} {method} {path}: {error!r}")
            return None
        self.tally.record(kind, time.perf_counter() - start, response.status_code)
        if response.status_code >= 500:
            with self.tally.lock:
                self.tally.errors.append(f"{kind} {method} {path}: {response.status_code}")
        return response

    def sign_in(self) -> bool:
        page = self.request("sign-in", "GET", "/accounts/login/")
        if page is None or page.status_code != 200:
            return False
        token = CSRF.search(page.text).group(1)
        answer = self.request(
            "sign-in",
            "POST",
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token,
                "username": f"load{self.n + 1:02d}",
                "password": self.password,
            },
        )
        return answer is not None and answer.status_code == 302

    def run(self):
        if not self.sign_in():
            with self.tally.lock:
                self.tally.errors.append(f"load{self.n + 1:02d}: sign-in failed")
            return
        for i in range(self.args.max_iterations):
            if time.monotonic() >= self.deadline:
                break
            self.add_progress(i)
            if time.monotonic() >= self.deadline:
                break
            self.edit_action(i)

    def add_progress(self, i):
        rec = self.recs[(self.n + i) % len(self.recs)]
        path = f"/plans/{SEED_SLUG}/recommendations/{rec}/progress/new/"
        page = self.request("progress GET", "GET", path)
        if page is None or page.status_code != 200:
            return
        text = f"load-{self.run_id}-u{self.n:02d}-p{i:05d}"
        answer = self.request(
            "progress POST",
            "POST",
            path,
            data={
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                "round": ROUND,
                "text": text,
                "owner_1": self.owners[self.n % len(self.owners)],
                "status": "in_progress",
                "change_reason": "Load test",
            },
        )
        with self.tally.lock:
            if answer is None or answer.status_code >= 500:
                self.tally.progress_unknown.append(text)
            elif answer.status_code == 302:
                self.tally.progress_acked.append(text)
            else:
                self.tally.form_errors.append(f"progress {answer.status_code}")

    def edit_action(self, i):
        # Every editor edits the same few actions, so edits meet stale versions.
        rec, action = self.pairs[(i % self.args.shared_actions) % len(self.pairs)]
        path = f"/plans/{SEED_SLUG}/recommendations/{rec}/actions/{action}/edit/"
        page = self.request("action GET", "GET", path)
        if page is None or page.status_code != 200:
            return
        values = form_fields(page.text)
        reason = f"load-{self.run_id}-u{self.n:02d}-e{i:05d}"
        values["text"] = MARKER.sub("", values.get("text", "")) + f"\n\n(load edit {reason})"
        values["change_reason"] = reason
        answer = self.request("action POST", "POST", path, data=values)
        with self.tally.lock:
            if answer is None or answer.status_code >= 500:
                self.tally.edits_unknown.append(reason)
            elif answer.status_code == 302:
                self.tally.edits_acked.append(reason)
            elif answer.status_code == 200 and CONFLICT in unescape(answer.text):
                self.tally.stale_refused += 1
            else:
                self.tally.form_errors.append(f"action edit {answer.status_code}")


# --- Counting --------------------------------------------------------------------------


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


def exception_lines(log: str) -> Counter:
    """The closing "SomeError: message" line of each traceback."""
    found = Counter()
    for block in log.split("Traceback (most recent call last)")[1:]:
        lines = [
            line for line in block.splitlines() if re.match(r"^[\w.]+(Error|Exception)\b", line)
        ]
        if lines:
            found[lines[-1]] += 1
    return found


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def step(what: str, detail: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {what}: {detail}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--db", default="tracker_load")
    parser.add_argument("--shared-actions", type=int, default=3, help="actions all users edit")
    parser.add_argument("--max-iterations", type=int, default=100_000, help="per user")
    parser.add_argument("--timeout", type=float, default=30, help="per request, seconds")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    server = None
    try:
        env, password = prepare(args, tmp)
        recs, pairs, owners = plan_targets(args.db)
        port = free_port()
        log = tmp / "gunicorn.log"
        server = start_gunicorn(env, args.workers, port, log)
        wait_until_ready(server, port, log)
        base = f"http://127.0.0.1:{port}"
        run_id = uuid.uuid4().hex[:8]
        tally = Tally()
        step("load", f"{args.users} editors for {args.seconds:g}s against {base}")
        deadline = time.monotonic() + args.seconds
        editors = [
            Editor(n, base, password, run_id, recs, pairs, owners, deadline, args, tally)
            for n in range(args.users)
        ]
        started = time.monotonic()
        for editor in editors:
            editor.start()
        for editor in editors:
            editor.join(timeout=args.seconds + args.timeout + 60)
        elapsed = time.monotonic() - started
        stop(server)
        server = None
        progress_rows, edit_rows = count_writes(args.db, run_id)
        server_log = "".join(
            path.read_text(errors="replace")
            for path in (log, tmp / "django-errors.log")
            if path.exists()
        )
        return report(args, tally, elapsed, progress_rows, edit_rows, server_log)
    finally:
        if server is not None:
            stop(server)
        if not args.keep_db:
            try:
                admin_sql(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
            except psycopg.Error as error:
                print(f"could not drop {args.db}: {error}")
        shutil.rmtree(tmp, ignore_errors=True)


def report(args, tally: Tally, elapsed, progress_rows: Counter, edit_rows: Counter, log) -> int:
    loop = [s for kind, values in tally.latencies.items() if kind != "sign-in" for s in values]
    every = [s for values in tally.latencies.values() for s in values]
    server_errors = sum(n for status, n in tally.statuses.items() if status and status >= 500)
    exceptions = tally.statuses.get(None, 0)
    lost_progress = [t for t in tally.progress_acked if progress_rows.get(t, 0) == 0]
    doubled = [t for t, n in progress_rows.items() if n > 1]
    lost_edits = [r for r in tally.edits_acked if edit_rows.get(r, 0) == 0]
    acked = len(tally.progress_acked) + len(tally.edits_acked)
    found = sum(1 for t in tally.progress_acked if progress_rows.get(t, 0) == 1) + sum(
        1 for r in tally.edits_acked if edit_rows.get(r, 0) >= 1
    )
    unacked_saved = sum(1 for t in tally.progress_unknown if progress_rows.get(t)) + sum(
        1 for r in tally.edits_unknown if edit_rows.get(r)
    )
    tracebacks = log.count("Traceback (most recent call last)")
    p50, p95 = percentile(loop, 50) * 1000, percentile(loop, 95) * 1000

    print()
    print(
        f"Load: {args.users} editors, {args.seconds:g}s, gunicorn {args.workers} sync workers, "
        f"PostgreSQL, production settings"
    )
    print(f"requests:              {len(every)} ({len(every) / elapsed:.1f}/s over {elapsed:.1f}s)")
    print(f"status codes:          {dict(sorted(tally.statuses.items(), key=str))}")
    print(
        f"errors:                {server_errors + exceptions} "
        f"({server_errors} 5xx, {exceptions} exceptions; "
        f"{tracebacks} tracebacks in the server logs)"
    )
    print(f"latency p50 / p95:     {p50:.0f} ms / {p95:.0f} ms (signed-in loop requests)")
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        print(
            f"  {kind:<14} n={len(values):<6} p50 {percentile(values, 50) * 1000:6.0f} ms"
            f"  p95 {percentile(values, 95) * 1000:6.0f} ms"
        )
    print(
        f"acknowledged writes:   {acked} ({len(tally.progress_acked)} progress updates, "
        f"{len(tally.edits_acked)} action edits); {tally.stale_refused} stale edits refused"
    )
    print(f"writes found:          {found}")
    print(
        f"lost writes:           {len(lost_progress) + len(lost_edits)} "
        f"(progress {len(lost_progress)}, edits {len(lost_edits)}); "
        f"progress saved twice: {len(doubled)}"
    )
    print(f"unanswered but saved:  {unacked_saved}")
    if tally.form_errors:
        print(f"unexpected form answers: {Counter(tally.form_errors).most_common(5)}")
    if tally.errors:
        print(f"first errors:          {tally.errors[:5]}")
    if tracebacks:
        print("exceptions in the server logs:")
        for line, n in exception_lines(log).most_common(5):
            print(f"  {n} x {line[:300]}")
        last = log[log.rfind("Traceback (most recent call last)") :]
        frames = [line.strip() for line in last.splitlines() if str(ROOT) in line]
        print("  last traceback's frames in the project:")
        for frame in frames[-4:]:
            print(f"    {frame.replace(str(ROOT) + '/', '')}")
    goals = [
        ("0 server errors", server_errors + exceptions == 0),
        ("0 lost acknowledged writes", not lost_progress and not lost_edits and not doubled),
        (f"p95 < {P95_GOAL_MS} ms", p95 < P95_GOAL_MS),
    ]
    print()
    for name, met in goals:
        print(f"goal {name}: {'MET' if met else 'NOT MET'}")
    return 0 if all(met for _, met in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
