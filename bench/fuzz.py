"""The form fuzzing of tests/recommendations/forms/test_fuzz_*.py, with many more examples per form.

    .venv/bin/python bench/fuzz.py [--examples 2000] [--postgres] [-k EXPR]

Runs the Hypothesis tests (test_fuzz_*) with FUZZ_EXAMPLES examples each, on SQLite, or
with --postgres on a test database made from postgres://postgres@127.0.0.1:5432/
tracker_fuzz (pytest-django creates and drops test_tracker_fuzz), then prints how many
examples ran and which tests failed. Each failure is shrunk to a minimal example and
printed by Hypothesis above the summary. The same as

    FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/recommendations/forms

but for the Hypothesis tests only, and with a count of the examples that ran.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ_TESTS = "tests/recommendations/forms"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/tracker_fuzz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="per form")
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL")
    parser.add_argument("-k", default="", help="a pytest -k expression, to run fewer")
    args = parser.parse_args()

    env = {**os.environ, "FUZZ_EXAMPLES": str(args.examples)}
    if args.postgres:
        env.update(DATABASE_URL=POSTGRES_URL, CI="true")
    else:
        env.pop("DATABASE_URL", None)
        env.pop("CI", None)
    # Only the Hypothesis tests: -k test_fuzz_ would match the module's name too.
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", FUZZ_TESTS, "--collect-only", "-q"]
        + (["-k", args.k] if args.k else []),
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
    ).stdout.split()
    tests = [node for node in collected if "::test_fuzz_" in node]
    if not tests:
        raise SystemExit("no test_fuzz_ tests collected")
    command = [
        sys.executable,
        "-m",
        "pytest",
        *tests,
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-show-statistics",
    ]
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{args.examples} examples per test, {len(tests)} tests, on {database}", flush=True)
    started = time.monotonic()
    run = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=True)
    elapsed = time.monotonic() - started
    output = run.stdout + run.stderr
    sys.stdout.write(_without_server_logs(output))

    examples = {}
    current, phase = None, ""
    for line in output.splitlines():
        if match := re.match(r"^tests/recommendations/forms/test_fuzz_\w+\.py::(\w+):$", line):
            current = match.group(1)
        elif match := re.search(r"during (\w+) phase", line):
            phase = match.group(1)
        elif (
            phase != "shrink"
            and current
            and (match := re.search(r"(\d+) passing, (\d+) failing", line))
        ):
            passing, failing = (int(n) for n in match.groups())
            examples[current] = examples.get(current, 0) + passing + failing
    print()
    print(
        f"Examples run (not counting shrinking): {sum(examples.values())} "
        f"across {len(examples)} tests in {elapsed:.0f}s"
    )
    for name, count in sorted(examples.items()):
        print(f"  {name:<45} {count}")
    failed = re.findall(r"^FAILED (\S+)", output, re.M)
    print(f"Failed: {len(failed)}" + "".join(f"\n  {name}" for name in failed))
    return run.returncode


def _without_server_logs(output: str) -> str:
    """pytest's captured django.request logging repeats each traceback many times."""
    kept, skipping = [], False
    for line in output.splitlines(keepends=True):
        if line.startswith(("WARNING  django.", "ERROR    django.")):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "Traceback", "django.")) or ": " in line[:60]):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept)


if __name__ == "__main__":
    sys.exit(main())
