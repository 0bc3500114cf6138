"""Benchmark of writing a whole plan: the seed, and a synthetic plan of 1,000
recommendations with history (several actions each, owners, two rounds of progress
with some revised targets, milestones with submissions); then the same plan exported
as .xlsx and .ods, read back and imported, and the seed plan read from Word.

    .venv/bin/python bench/import.py [--recommendations 1000] [--no-freeze]

Goal: the 1,000-recommendation plan written in under 15 s, on SQLite and PostgreSQL.

Freezing a submission renders the plan as a PDF, which for 1,000 recommendations takes
minutes and is the renderer's cost, not the writer's: the import is timed without it
(plan_import(freeze=False)) and the freeze of every submission is timed after it, on
its own (skip it with --no-freeze). The seed is loaded through load_plan, as a new
installation does, freeze included.

Peak memory: tracemalloc's peak of Python allocations during a second, traced import
of the same plan under another slug (tracing slows the code, so the time is taken on
an untraced import), and the process's maximum resident set size at the end.

Measured on a 2-core machine under other load (so the figures vary by 2-3x), 1,000
recommendations with 3,000 actions and 2,000 progress entries, without the freeze:
    row by row (before):  SQLite  99 s,  PostgreSQL 187 s;  tracemalloc peak 1.3 MiB
    in bulk (after):      SQLite 8-29 s, PostgreSQL 10-12 s; tracemalloc peak 11-18 MiB
Most of what remains is Django building the insert statements; the first bulk version
spent most of its time asking the database to check each row's check constraints.

The database is a throwaway SQLite file in a temporary directory, or, when
DATABASE_URL names a PostgreSQL database, a fresh test database made beside it (its
name prefixed with "test_") and dropped at the end.
"""

import argparse
import datetime
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-import.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.test")
os.environ.pop("CI", None)  # test settings insist on PostgreSQL under CI

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from recommendations.importing import read_docx, read_ods, read_xlsx  # noqa: E402
from recommendations.importing.writer import plan_import  # noqa: E402
from recommendations.models import ActionPlan, Milestone  # noqa: E402
from recommendations.publishing.spreadsheet import to_ods, to_xlsx  # noqa: E402
from recommendations.services.freezing import submission_freeze  # noqa: E402
from tests.recommendations.importing.word_support import (  # noqa: E402
    SEED_MARKED_REVISIONS,
    seed_docx,
)

GOAL_SECONDS = 15
OWNERS = [f"Deputy Director {area}" for area in ("Security", "Probation", "Prisons", "Policy")]
OWNERS += [f"Head of {area} {n}" for area in ("Training", "Assurance", "Data") for n in (1, 2)]
MONTHS = ["January", "March", "April", "June", "September", "October", "December"]


def synthetic_plan(size: int, slug: str) -> dict:
    """A plan shaped like the seed with `size` recommendations and two rounds of progress."""
    day = datetime.date
    milestones = [
        {"kind": "report_published", "label": "Report Published", "date": day(2023, 5, 2)},
        {"kind": "plan_submitted", "label": "Action Plan Submitted", "date": day(2023, 7, 28)},
        {
            "kind": "progress_update_submitted",
            "label": "6 Month Update Submitted",
            "date": day(2024, 2, 9),
        },
        {
            "kind": "progress_update_submitted",
            "label": "12 Month Update Submitted",
            "date": day(2024, 8, 9),
        },
    ]
    rounds = [
        {"label": "January 2024", "month": "2024-01"},
        {"label": "July 2024", "month": "2024-07"},
    ]
    groups = [{"heading": f"Addressee {g + 1} should:", "recommendations": []} for g in range(7)]
    for number in range(1, size + 1):
        actions = [
            {
                "text": f"Action {a + 1} on recommendation {number}: review the guidance and "
                "train the regional teams in its use. " * 2,
                "owners": [OWNERS[(number + a) % len(OWNERS)]]
                + ([OWNERS[(number + a + 3) % len(OWNERS)]] if (number + a) % 3 == 0 else []),
                "target": f"{MONTHS[(number + a) % len(MONTHS)]} {2024 + a % 2}",
                "status": "in_progress",
            }
            for a in range(2 + number % 3)
        ]
        progress = []
        for r, rnd in enumerate(rounds):
            entry = {
                "round": rnd["label"],
                "owners": [OWNERS[(number + r) % len(OWNERS)]],
                "text": f"Progress in {rnd['label']} on recommendation {number}. " * 3,
                "target": "Completed" if r else "In progress",
                "status": "completed" if r else "in_progress",
            }
            if r == 0 and number % 4 == 0:
                entry.update(
                    status="delayed",
                    target="March 2025",
                    revises_action=1 + number % len(actions),
                    revision_reason="Resourcing pressures in the regional teams.",
                )
            progress.append(entry)
        rec = {
            "reference": str(number),
            "text": f"Recommendation {number}: improve the arrangements for sharing risk. " * 3,
            "response": "The department accepts the recommendation.",
            "actions": actions,
            "progress": progress,
        }
        if number % 10 == 0:
            rec.update(
                agreement="partly_agreed",
                rationale="The national part will be implemented; the local part is for others.",
                reasons=["policy", "affordability"],
            )
        groups[number % len(groups)]["recommendations"].append(rec)
    return {
        "slug": slug,
        "title": f"Synthetic plan of {size} recommendations",
        "report": {"title": f"Synthetic inspection with {size} recommendations"},
        "bodies": [{"name": "HM Prison & Probation Service", "short_name": "HMPPS"}],
        "milestones": milestones,
        "rounds": rounds,
        "groups": groups,
    }


def fresh_database() -> None:
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    else:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def drop_database() -> None:
    if connection.vendor != "sqlite":
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"].removeprefix("test_"), verbosity=0
        )


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def traced_peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def freeze_all(plan: ActionPlan) -> int:
    made = plan.milestones.filter(submitted_at__isnull=False).order_by("submitted_at", "id")
    for milestone in made:
        submission_freeze(milestone=milestone)
    return made.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recommendations", type=int, default=1000)
    parser.add_argument("--no-freeze", action="store_true", help="skip timing the freeze")
    args = parser.parse_args()
    size = args.recommendations
    fresh_database()
    try:
        print(f"database: {connection.vendor}")
        _, seconds = timed(lambda: call_command("load_plan", verbosity=0, stdout=io.StringIO()))
        print(f"seed plan (load_plan, 3 submissions frozen)  {seconds:7.2f} s")

        data = synthetic_plan(size, f"synthetic-{size}")
        plan, seconds = timed(lambda: plan_import(data=data, freeze=False)[0])
        rows = sum(len(r["actions"]) for g in data["groups"] for r in g["recommendations"])
        verdict = "goal met" if seconds < GOAL_SECONDS else "GOAL MISSED"
        print(
            f"{size} recommendations, {rows} actions, no freeze  {seconds:7.2f} s   "
            f"({verdict}: < {GOAL_SECONDS} s)"
        )
        # The same plan through the doors: written as a spreadsheet, read, then written.
        for fmt, write, read in [("xlsx", to_xlsx, read_xlsx), ("ods", to_ods, read_ods)]:
            sheet = synthetic_plan(size, f"synthetic-{size}-{fmt}")
            content, seconds_out = timed(lambda w=write, d=sheet: w(d))
            result, seconds_in = timed(lambda r=read, c=content: r(c))
            assert result.ok, result.problems[:3]
            _, seconds = timed(lambda r=result: plan_import(data=r.data, freeze=False))
            print(
                f"  as .{fmt} ({len(content) / 2**20:.1f} MiB): written {seconds_out:6.2f} s, "
                f"read {seconds_in:6.2f} s, imported {seconds:6.2f} s"
            )
        word = seed_docx(SEED_MARKED_REVISIONS)
        result, seconds_in = timed(lambda: read_docx(word, slug="seed-from-word"))
        assert result.ok, result.problems[:3]
        _, seconds = timed(lambda: plan_import(data=result.data, freeze=False))
        print(f"seed plan as Word: read {seconds_in:6.2f} s, imported {seconds:6.2f} s (no freeze)")
        traced = synthetic_plan(size, f"synthetic-{size}-traced")
        peak = traced_peak(lambda: plan_import(data=traced, freeze=False))
        print(f"peak Python memory of that import (tracemalloc) {peak / 2**20:7.1f} MiB")
        if not args.no_freeze:
            count, seconds = timed(lambda: freeze_all(plan))
            print(f"freezing its {count} submissions (PDF renders)  {seconds:7.2f} s")
        submissions = Milestone.objects.filter(plan=plan, submitted_at__isnull=False).count()
        assert submissions == 3, submissions
    finally:
        drop_database()
    # ru_maxrss is in KiB on Linux.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole run (maxrss) {maxrss:7.1f} MiB")


if __name__ == "__main__":
    main()
