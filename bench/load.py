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
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg
from loadlib.client import Editor, Tally
from loadlib.figures import exception_lines, percentile
from loadlib.server import (
    ROOT,
    admin_sql,
    count_writes,
    free_port,
    plan_targets,
    prepare,
    start_gunicorn,
    step,
    stop,
    wait_until_ready,
)

P95_GOAL_MS = 250


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
