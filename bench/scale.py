"""Scale benchmark: two web processes and a background worker against one PostgreSQL,
under 20 editors, while a 1,000-recommendation plan renders in the background.

    .venv/bin/python bench/scale.py [--seconds 60 --users 20] [--skip-big] [--keep-db]
                                    [--render-timeout 600] [--restart-postgres]

What it does, all on this machine (traffic only to 127.0.0.1):

1. Creates a fresh PostgreSQL database `tracker_scale` as bench/load.py does (migrate,
   createcachetable, the seed plan, --users HMPPS editors) and, unless --skip-big, a
   1,000-recommendation HMPPS plan (bench/import.py's, written by the import writer).
2. Starts two gunicorn masters with one sync worker each on two loopback ports, and one
   `manage.py db_worker --queue-name '*'` under `nice -n 10`, all with the production
   settings; the worker is started again when it exits, as a supervisor would. Each
   editor sends each request to the other process in turn (a load balancer without
   sticky sessions): sessions, CSRF tokens and the sign-in throttle must be shared for
   that to work at all.
3. Phase A: the editors for --seconds, as in bench/load.py (progress updates and action
   edits on the seed plan), with no render running: p50/p95, errors, lost writes.
4. Phase B: one edit to the 1,000-recommendation plan through the pages, which queues
   its PDF's render (queue_big_render), then the same load while the worker renders:
   the same figures, and p95 B / A. If the tree has no background render yet, a
   stand-in render (`manage.py export_plan` of that plan as a PDF, under the same
   nice) takes its place, so that phase B still measures a CPU-bound render beside
   the web processes. --restart-postgres restarts the PostgreSQL cluster a third of the
   way into phase B and reports the outage (see loadlib/faults.py).
5. Phase C: polls the seed plan's PDF every 0.5 s from the end of phase B until it is a
   PDF (a plan being re-rendered answers "This PDF is being prepared"), then downloads
   it 100 times (p50/p95); and says when the 1,000-recommendation PDF became ready.

Goals: 0 errors, 0 lost writes, p95 B <= 1.20 x p95 A, seed PDF downloads p95 < 200 ms;
with --restart-postgres: no 500 or traceback (only the 503 "service unavailable" page),
the first 200 within 10 s of PostgreSQL answering again, no acknowledged write lost.
Exit status 1 if a goal is missed.

Measured on a 2-core machine shared with other work (so p95 varies by 2x between runs),
20 editors, two gunicorn processes of one sync worker each:
    full run, 60 s phases: p95 A 931 ms, B 997 ms (B / A 1.07; earlier runs 1.14 and
      1.40), 0 errors, 0 lost writes of 1,637 acknowledged; the 1,000-recommendation PDF
      ready 204 s after its edit; the seed PDF ready 139 s after the last edit (its
      render waits behind the big one: one worker renders one plan at a time; run a
      second worker for renders where that matters); seed PDF downloads (940 KiB) p50
      25 ms / p95 29 ms (the working version found by its edit stamp; before that, by
      building its print HTML on each download: p95 394 ms, goal missed).
    --skip-big --restart-postgres, 30 s phases: PostgreSQL back 2.7 s after the restart
      began; 61 requests got the 503 page, none a 500 or a traceback; the first 200
      came 0.0 s after PostgreSQL answered; 0 lost writes. In one of two runs db_worker
      exited on the lost connection and was started again (see Supervisor).
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from loadlib.client import Editor, LoopbackSession, Tally, form_fields
from loadlib.faults import PostgresRestart
from loadlib.scale_report import Phase, report
from loadlib.server import (
    PYTHON,
    ROOT,
    SEED_SLUG,
    Supervisor,
    admin_sql,
    count_writes,
    create_big_plan,
    free_port,
    plan_targets,
    prepare,
    queued_tasks,
    start_gunicorn,
    start_worker,
    step,
    stop,
    wait_for_idle_queue,
    wait_until_ready,
)

BIG_SIZE = 1000
BIG_SLUG = f"scale-{BIG_SIZE}"
NICENESS = 10
HEADERS = {"X-Forwarded-Proto": "https", "Origin": "", "User-Agent": "bench/scale.py"}


def background_rendering_in_tree() -> bool:
    """Whether the publishing package has a task (the background render of a plan's PDF
    after each change). Without one, phase B runs a stand-in render instead."""
    package = ROOT / "recommendations" / "publishing"
    return any("@task" in path.read_text() for path in package.rglob("*.py"))


def run_editors(bases, password, targets, seconds, args, fault=None) -> Phase:
    recs, pairs, owners = targets
    run_id = uuid.uuid4().hex[:8]
    tally = Tally()
    deadline = time.monotonic() + seconds
    editors = [
        Editor(n, bases, password, run_id, recs, pairs, owners, deadline, args, tally)
        for n in range(args.users)
    ]
    started = time.monotonic()
    for editor in editors:
        editor.start()
    if fault is not None:
        fault.start()
    for editor in editors:
        editor.join(timeout=seconds + args.timeout + 60)
    ended = time.monotonic()
    if fault is not None:
        fault.join(timeout=120)
    progress, edits = count_writes(args.db, run_id)
    return Phase(tally, started, ended, progress, edits, fault)


def queue_big_render(bases, password, big_pairs, args) -> float:
    """One action edit to the 1,000-recommendation plan, made through the pages as one of
    its editors: every change to a plan queues a render of its PDF."""
    editor = Editor(0, bases, password, "big", [], [], [], float("inf"), args, Tally())
    if not editor.sign_in():
        raise SystemExit("the editor could not sign in to edit the big plan")
    rec, action = big_pairs[0]
    path = f"/plans/{BIG_SLUG}/recommendations/{rec}/actions/{action}/edit/"
    page = editor.session.request("GET", path)
    values = form_fields(page.text)
    values["text"] = values.get("text", "") + " (edited to queue a render)"
    values["change_reason"] = "bench/scale.py: queue a render"
    answer = editor.session.request("POST", path, data=values)
    if answer.status_code != 302:
        raise SystemExit(f"the edit to the big plan answered {answer.status_code}")
    step("render", f"edited {BIG_SLUG} (action {action}): its render is queued")
    return time.monotonic()


def wait_for_pdf(session, path, since, every, timeout) -> float | None:
    """Seconds from `since` until `path` answers a PDF, or None after `timeout`."""
    while time.monotonic() - since < timeout:
        answer = session.request("GET", path)
        if answer.status_code == 200 and answer.content_type.startswith("application/pdf"):
            return time.monotonic() - since
        if answer.status_code >= 500 or answer.status_code not in (200, 202):
            step("pdf", f"{path} answered {answer.status_code}")
        time.sleep(every)
    return None


def downloads(session, path, count) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        answer = session.request("GET", path)
        if answer.content_type.startswith("application/pdf"):
            times.append(time.perf_counter() - started)
    step("pdf", f"{len(times)} downloads of {answer.size / 1024:.0f} KiB")
    return times


def signed_in_session(bases, password, args) -> LoopbackSession:
    editor = Editor(1, bases, password, "pdf", [], [], [], float("inf"), args, Tally())
    if not editor.sign_in():
        raise SystemExit("the editor could not sign in to read the PDFs")
    return editor.session


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="each load phase")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--web-workers", type=int, default=1, help="per gunicorn process")
    parser.add_argument("--db", default="tracker_scale")
    parser.add_argument("--shared-actions", type=int, default=3, help="actions all users edit")
    parser.add_argument("--max-iterations", type=int, default=100_000, help="per user")
    parser.add_argument("--timeout", type=float, default=30, help="per request, seconds")
    parser.add_argument("--render-timeout", type=float, default=600)
    parser.add_argument("--skip-big", action="store_true", help="no 1,000-rec plan")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--restart-postgres",
        action="store_true",
        help="restart the local PostgreSQL cluster during phase B (disturbs its other users)",
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="tracker-scale-"))
    processes: list[subprocess.Popen] = []
    worker = None
    try:
        env, password = prepare(args, tmp)
        if not args.skip_big:
            create_big_plan(env, BIG_SIZE, BIG_SLUG)
        seed_targets = plan_targets(args.db)
        ports = [free_port(), free_port()]
        for i, port in enumerate(ports):
            processes.append(start_gunicorn(env, args.web_workers, port, tmp / f"web{i}.log"))
            wait_until_ready(processes[-1], port, tmp / f"web{i}.log")
        worker = Supervisor(lambda: start_worker(env, tmp / "worker.log", NICENESS))
        worker.start()
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        # Loading queued renders (the seed's submissions, the plans' first PDFs): the
        # baseline is taken once the worker has done them.
        step("queue", f"{queued_tasks(args.db)} tasks queued; waiting for the worker")
        idle = wait_for_idle_queue(args.db, args.render_timeout)
        if idle is None:
            raise SystemExit(f"the queue was not empty after {args.render_timeout:g} s")
        step("queue", f"empty after {idle:.0f} s")

        step("phase A", f"{args.users} editors for {args.seconds:g}s, no render")
        phase_a = run_editors(bases, password, seed_targets, args.seconds, args)

        big_edited = stand_in = None
        in_tree = background_rendering_in_tree()
        if not args.skip_big:
            big_edited = queue_big_render(bases, password, plan_targets(args.db, BIG_SLUG)[1], args)
            if not in_tree:
                stand_in = StandInRender(env, tmp)
                processes.append(stand_in.process)
        fault = PostgresRestart(args.seconds / 3) if args.restart_postgres else None
        step("phase B", f"{args.users} editors for {args.seconds:g}s, the big plan rendering")
        phase_b = run_editors(bases, password, seed_targets, args.seconds, args, fault)
        last_edit = phase_b.ended

        step("phase C", "the seed plan's PDF after the last edit")
        session = signed_in_session(bases, password, args)
        seed_pdf = f"/plans/{SEED_SLUG}/publication.pdf"
        seed_ready = wait_for_pdf(session, seed_pdf, last_edit, 0.5, args.render_timeout)
        seed_times = downloads(session, seed_pdf, 100) if seed_ready is not None else []
        big = big_render_outcome(session, big_edited, stand_in, in_tree, args)
        logs = {p.name: p.read_text(errors="replace") for p in sorted(tmp.glob("*.log"))}
        return report(args, phase_a, phase_b, seed_ready, seed_times, big, worker, logs, in_tree)
    finally:
        if worker is not None:
            worker.stop()
        for process in processes:
            if process.poll() is None:
                stop(process)
        if not args.keep_db:
            try:
                admin_sql(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
            except psycopg.Error as error:
                print(f"could not drop {args.db}: {error}")
        shutil.rmtree(tmp, ignore_errors=True)


class StandInRender:
    """The big plan's PDF rendered by `manage.py export_plan` under the worker's nice, for
    a tree without the background render; `finished` is when it exited."""

    def __init__(self, env, tmp):
        command = ["nice", "-n", str(NICENESS), PYTHON, "manage.py", "export_plan", BIG_SLUG]
        command += ["--format", "pdf", "-o", str(tmp / "big.pdf")]
        step("render", "no background render in this tree: stand-in " + " ".join(command[3:]))
        with (tmp / "stand-in.log").open("ab") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        self.finished: float | None = None
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self):
        self.process.wait()
        self.finished = time.monotonic()


def big_render_outcome(session, edited, stand_in, in_tree, args) -> str:
    if edited is None:
        return "not measured (--skip-big)"
    if in_tree:
        seconds = wait_for_pdf(
            session, f"/plans/{BIG_SLUG}/publication.pdf", edited, 2, args.render_timeout
        )
        if seconds is None:
            return f"NOT ready {args.render_timeout:g} s after its edit (gave up)"
        return f"ready {seconds:.0f} s after its edit"
    try:
        stand_in.process.wait(timeout=max(0, args.render_timeout - (time.monotonic() - edited)))
    except subprocess.TimeoutExpired:
        return f"stand-in render NOT done {args.render_timeout:g} s after the edit (gave up)"
    while stand_in.finished is None:
        time.sleep(0.05)
    code = stand_in.process.returncode
    outcome = "done" if code == 0 else f"FAILED (exit {code})"
    return f"stand-in render {outcome} {stand_in.finished - edited:.0f} s after the edit"


if __name__ == "__main__":
    sys.exit(main())
