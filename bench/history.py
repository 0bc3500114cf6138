"""Benchmark: a plan rendered as at a past submission against the plan rendered now.

Goal: the past version within 2x of the present one, for the seed plan and for a
synthetic plan of 1,000 recommendations with 10 rounds of progress updates.

    .venv/bin/python bench/history.py [--recommendations 1000] [--rounds 10] [--repeat 3]

Uses a throwaway SQLite database (or DATABASE_URL if set) and prints its figures.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-history.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from recommendations.importing.yaml_plan import plan_import  # noqa: E402
from recommendations.models import ActionPlan, Milestone  # noqa: E402
from recommendations.snapshots import plan_snapshot  # noqa: E402


def synthetic_plan(recommendations: int, rounds: int) -> dict:
    """A plan shaped like the seed: 7 headings, 2 actions each, one entry per round."""
    start = datetime.date(2020, 1, 1)
    round_months = [
        datetime.date(2020 + (6 * i) // 12, 1 + (6 * i) % 12, 1) for i in range(1, rounds + 1)
    ]
    milestones = [
        {"kind": "report_published", "label": "Report Published", "date": start},
        {
            "kind": "plan_submitted",
            "label": "Action Plan Submitted",
            "date": start + datetime.timedelta(days=10),
        },
    ]
    for i, month in enumerate(round_months, start=1):
        milestones.append(
            {
                "kind": "progress_update_submitted",
                "label": f"Update {i} Submitted",
                "date": month + datetime.timedelta(days=20),
            }
        )
    groups = []
    per_group = -(-recommendations // 7)
    number = 0
    for g in range(7):
        recs = []
        for _ in range(per_group):
            number += 1
            if number > recommendations:
                break
            progress = []
            for r, month in enumerate(round_months):
                entry = {
                    "round": f"{month:%B %Y}",
                    "owners": [f"Owner {number % 40}"],
                    "text": f"Round {r + 1} progress on recommendation {number}. " * 3,
                    "target": "Completed" if r == rounds - 1 else f"{month:%B %Y}",
                    "status": "completed" if r == rounds - 1 else "in_progress",
                }
                if r % 3 == 1:
                    entry.update(
                        status="delayed",
                        target=f"December {month.year + 1}",
                        revises_action=1,
                        revision_reason="resourcing pressures",
                    )
                progress.append(entry)
            recs.append(
                {
                    "reference": str(number),
                    "text": f"Recommendation {number}: improve the arrangements. " * 4,
                    "agreement": "agreed",
                    "actions": [
                        {
                            "text": f"Action {a} for {number}. " * 5,
                            "owners": [f"Owner {(number + a) % 40}"],
                            "target": f"March {2021 + a}",
                            "status": "in_progress",
                        }
                        for a in (1, 2)
                    ],
                    "progress": progress,
                }
            )
        groups.append({"heading": f"Addressee {g + 1} should:", "recommendations": recs})
    return {
        "slug": f"synthetic-{recommendations}",
        "title": "Synthetic plan",
        "report": {
            "title": f"Synthetic report with {recommendations} recommendations",
            "published": start,
        },
        "bodies": [{"name": "HM Prison & Probation Service", "short_name": "HMPPS"}],
        "milestones": milestones,
        "rounds": [{"label": f"{m:%B %Y}", "month": f"{m:%Y-%m}"} for m in round_months],
        "groups": groups,
    }


def render(plan: ActionPlan, as_of) -> int:
    view = plan_snapshot(plan=plan, as_of=as_of)
    html = render_to_string(
        "recommendations/includes/plan_table.html",
        {"plan": view, "today": datetime.date.today(), "can_edit": False},
    )
    return len(html)


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(plan: ActionPlan, repeat: int) -> None:
    submissions = list(
        Milestone.objects.filter(plan=plan, submitted_at__isnull=False).order_by("submitted_at")
    )
    past = submissions[len(submissions) // 2]
    now = timed(lambda: render(plan, None), repeat)
    then = timed(lambda: render(plan, past.submitted_at), repeat)
    ratio = then / now
    print(
        f"{plan.slug:32} now {now * 1000:9.1f} ms   as at '{past.label}' "
        f"{then * 1000:9.1f} ms   ratio {ratio:4.2f}x   "
        f"{'goal met (<= 2x)' if ratio <= 2 else 'GOAL MISSED (> 2x)'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recommendations", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_plan", verbosity=0)
    started = time.perf_counter()
    synthetic, _ = plan_import(data=synthetic_plan(args.recommendations, args.rounds))
    print(
        f"built a {args.recommendations}-recommendation plan with {args.rounds} rounds in "
        f"{time.perf_counter() - started:.0f} s"
    )
    measure(ActionPlan.objects.get(slug="ct-joint-inspection-2023"), args.repeat)
    measure(synthetic, args.repeat)


if __name__ == "__main__":
    main()
