"""bench/scale.py's figures: each load phase, the PDFs, the PostgreSQL restart, the goals."""

import re
from collections import Counter
from dataclasses import dataclass

from .client import Tally
from .figures import exception_lines, percentile

P95_RATIO_GOAL = 1.20
DOWNLOAD_P95_GOAL_MS = 200
RECOVERY_GOAL_S = 10


@dataclass
class Phase:
    tally: Tally
    started: float
    ended: float
    progress_rows: Counter
    edit_rows: Counter
    fault: object = None  # loadlib.faults.PostgresRestart, when one was made

    def loop_latencies(self) -> list[float]:
        return [s for kind, v in self.tally.latencies.items() if kind != "sign-in" for s in v]

    def p(self, n: float) -> float:
        return percentile(self.loop_latencies(), n) * 1000

    def unavailable(self) -> int:
        return sum(1 for _, _, page in self.tally.events if page)

    def errors(self) -> int:
        """5xx other than the "service unavailable" page, and requests with no answer."""
        return sum(
            1
            for _, status, page in self.tally.events
            if status is None or (status >= 500 and not page)
        )

    def lost(self) -> tuple[int, int]:
        """(acknowledged writes not found, progress updates saved twice)."""
        t = self.tally
        lost = sum(1 for x in t.progress_acked if not self.progress_rows.get(x)) + sum(
            1 for x in t.edits_acked if not self.edit_rows.get(x)
        )
        return lost, sum(1 for n in self.progress_rows.values() if n > 1)

    def acked(self) -> int:
        return len(self.tally.progress_acked) + len(self.tally.edits_acked)


def phase_lines(name: str, phase: Phase) -> None:
    t = phase.tally
    seconds = phase.ended - phase.started
    lost, doubled = phase.lost()
    print(f"{name}")
    print(
        f"  requests        {len(t.events)} ({len(t.events) / seconds:.1f}/s over {seconds:.0f} s)"
    )
    print(f"  status codes    {dict(sorted(t.statuses.items(), key=str))}")
    print(f"  p50 / p95       {phase.p(50):.0f} ms / {phase.p(95):.0f} ms (signed-in loop)")
    print(f"  errors          {phase.errors()} (5xx other than 503, or no answer)")
    if phase.unavailable():
        print(f"  503 'service unavailable' pages  {phase.unavailable()}")
    print(
        f"  writes          {phase.acked()} acknowledged, {lost} lost, {doubled} saved twice; "
        f"{t.stale_refused} stale edits refused"
    )
    if t.form_errors:
        print(f"  unexpected form answers {Counter(t.form_errors).most_common(3)}")
    if t.errors:
        print(f"  first errors    {t.errors[:3]}")


def restart_figures(phase: Phase) -> tuple[int, int, float | None]:
    """During the outage (restart begun until the first 200 after PostgreSQL answered
    again): 503 pages, other errors, and seconds from PostgreSQL answering to that 200."""
    fault = phase.fault
    if fault.started is None or fault.answered is None:
        return 0, 0, None
    first_200 = min(
        (at for at, status, _ in phase.tally.events if at >= fault.answered and status == 200),
        default=None,
    )
    end = first_200 if first_200 is not None else phase.ended
    window = [(s, page) for at, s, page in phase.tally.events if fault.started <= at <= end]
    pages = sum(1 for _, page in window if page)
    others = sum(1 for s, page in window if (s is None or s >= 500) and not page)
    return pages, others, None if first_200 is None else first_200 - fault.answered


def log_lines(logs: dict[str, str]) -> tuple[int, int, Counter]:
    """'Internal Server Error' and 'Service Unavailable' entries Django logged, and the
    tracebacks in the gunicorn and worker logs (outside Django's error log)."""
    django = logs.get("django-errors.log", "")
    internal = len(re.findall(r"^Internal Server Error: ", django, re.M))
    unavailable = len(re.findall(r"^Service Unavailable: ", django, re.M))
    others = "".join(text for name, text in logs.items() if name != "django-errors.log")
    return internal, unavailable, exception_lines(others)


def report(args, a, b, seed_ready, seed_times, big, worker, logs, in_tree) -> int:
    print()
    print(
        f"Scale: {args.users} editors, {args.seconds:g} s a phase, 2 gunicorn processes x "
        f"{args.web_workers} sync worker(s), 1 db_worker (nice 10), PostgreSQL, production"
    )
    phase_lines("Phase A: no render", a)
    render = "the worker rendering" if in_tree else "a stand-in render (no background render yet)"
    phase_lines(f"Phase B: {render}" if not args.skip_big else "Phase B: (--skip-big)", b)
    ratio = b.p(95) / a.p(95) if a.p(95) else float("nan")
    print(f"p95 B / A         {ratio:.2f}")
    if seed_ready is None:
        print(f"seed PDF          NOT ready {args.render_timeout:g} s after the last edit")
    else:
        print(f"seed PDF          ready {seed_ready:.1f} s after the last edit")
    dl50, dl95 = percentile(seed_times, 50) * 1000, percentile(seed_times, 95) * 1000
    print(f"seed PDF downloads n={len(seed_times)} p50 {dl50:.0f} ms / p95 {dl95:.0f} ms")
    print(f"1,000-rec PDF     {big}")
    worker_alive = worker.process.poll() is None
    print(f"worker            {'running' if worker_alive else 'EXITED'} at the end", end="")
    if worker.exits:
        print(f"; exited {len(worker.exits)} time(s) and was started again (statuses ", end="")
        print(f"{[status for _, status in worker.exits]}): db_worker needs a supervisor")
    else:
        print()
    internal, unavailable_logged, tracebacks = log_lines(logs)
    print(
        f"server logs       {internal} 'Internal Server Error', {unavailable_logged} "
        f"'Service Unavailable', {sum(tracebacks.values())} other tracebacks"
    )
    for line, n in tracebacks.most_common(3):
        print(f"  {n} x {line[:200]}")

    errors = a.errors() + b.errors() + internal
    lost = sum(a.lost()) + sum(b.lost())
    goals = [
        ("0 errors", errors == 0),
        ("0 lost writes", lost == 0),
        (f"p95 B <= {P95_RATIO_GOAL:.2f} x p95 A", ratio <= P95_RATIO_GOAL),
        (f"seed PDF download p95 < {DOWNLOAD_P95_GOAL_MS} ms", dl95 < DOWNLOAD_P95_GOAL_MS),
    ]
    if b.fault is not None:
        pages, others, recovery = restart_figures(b)
        fault = b.fault
        print("PostgreSQL restart during phase B")
        if fault.error:
            print(f"  pg_ctlcluster said: {fault.error}")
        if fault.answered is not None:
            print(f"  PostgreSQL answered again {fault.answered - fault.started:.1f} s after")
        print(
            f"  during the outage: {pages} 503 'service unavailable' pages, {others} other errors"
        )
        shown = "never" if recovery is None else f"{recovery:.1f} s"
        print(f"  first 200 after PostgreSQL answered again: {shown}")
        goals += [
            ("no 500 or traceback in the outage", others == 0 and internal == 0),
            (
                f"recovered within {RECOVERY_GOAL_S} s",
                recovery is not None and recovery <= RECOVERY_GOAL_S,
            ),
            ("worker running at the end", worker_alive),
        ]
    print()
    for name, met in goals:
        print(f"goal {name}: {'met' if met else 'NOT met'}")
    return 0 if all(met for _, met in goals) else 1
