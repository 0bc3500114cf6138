"""Benchmark: the JSON API's answers, timed through the whole Django stack.

    .venv/bin/python bench/api.py [--recommendations 1000] [--rounds 10] [--repeat 20]

Uses a throwaway SQLite database (or DATABASE_URL if set): loads the seed plan and a
synthetic plan of --recommendations recommendations (bench/history.py's), then times
GETs with a personal API token, as a reviewer (the plans read as submitted) and as the
plans' editor (read live): the seed plan, the synthetic plan, and the cross-plan action
list (first page, 50 actions, and every action on one page of 500). Prints the median
and 95th percentile of --repeat requests each, the time of the first (before the rich
text's HTML is remembered), and the number of queries each takes.
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
sys.path.insert(0, str(ROOT / "bench"))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-api.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings.local")
os.environ.setdefault("API_TOKEN_RATE", "1000000/minute")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from history import synthetic_plan  # noqa: E402

from accounts.models import Membership  # noqa: E402
from accounts.tokens import api_token_create  # noqa: E402
from recommendations.importing.yaml_plan import plan_import  # noqa: E402
from recommendations.models import ResponsibleBody  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def user_with_token(username: str, role: str, bodies) -> Client:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username, password=None)
    Membership.objects.create(user=user, role=role).bodies.set(bodies)
    _token, secret = api_token_create(
        user=user, name="bench", expires_on=datetime.date.today() + datetime.timedelta(days=1)
    )
    return Client(headers={"Authorization": f"Bearer {secret}"}, HTTP_HOST="localhost")


def measure(label: str, client: Client, url: str, repeat: int) -> None:
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        first = client.get(url)
    cold = (time.perf_counter() - started) * 1000
    if first.status_code != 200:
        raise SystemExit(f"{label}: {url} answered {first.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    print(
        f"{label:48} median {statistics.median(times):8.1f} ms   "
        f"p95 {percentile(times, 95):8.1f} ms   first {cold:8.1f} ms   {len(queries):3} queries   "
        f"{len(first.content) / 1024:8.0f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recommendations", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["localhost"]
    call_command("migrate", verbosity=0)
    call_command("load_plan", verbosity=0)
    started = time.perf_counter()
    # Not frozen: its submissions are read from the history (as the seed's are not).
    synthetic, _ = plan_import(data=synthetic_plan(args.recommendations, args.rounds), freeze=False)
    print(
        f"built a {args.recommendations}-recommendation plan with {args.rounds} rounds in "
        f"{time.perf_counter() - started:.0f} s; {args.repeat} requests each\n"
    )
    hmpps = ResponsibleBody.objects.filter(name="HM Prison & Probation Service")
    readers = {
        "reviewer": user_with_token("bench-reviewer", Membership.Role.REVIEWER, []),
        "editor": user_with_token("bench-editor", Membership.Role.EDITOR, hmpps),
    }
    for role, client in readers.items():
        measure(
            f"{role}: seed plan", client, "/api/v1/plans/ct-joint-inspection-2023/", args.repeat
        )
        measure(
            f"{role}: {args.recommendations}-recommendation plan",
            client,
            f"/api/v1/plans/{synthetic.slug}/",
            args.repeat,
        )
        measure(
            f"{role}: actions across plans, page 1 (50)", client, "/api/v1/actions/", args.repeat
        )
        measure(
            f"{role}: actions across plans, 500 a page",
            client,
            "/api/v1/actions/?page_size=500",
            args.repeat,
        )
        print()


if __name__ == "__main__":
    main()
