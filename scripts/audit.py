"""Check the locked dependencies (requirements.lock) for known vulnerabilities.

    .venv/bin/python scripts/audit.py [--lock requirements.lock]

1. pip-audit asks PyPI's vulnerability records for each pinned release, through PyPI's
   per-release JSON API (/pypi/<name>/<version>/json).
2. Some networks let through PyPI's index and its project JSON API (/pypi/<name>/json)
   but not the per-release API, and pip-audit then skips every package. For each package
   it skipped, the project JSON is asked instead: it lists the known vulnerabilities of
   the project's latest release, so when the pin is the latest release those are the
   pin's own. A pin behind the latest release cannot be checked that way: it is named
   as not audited (`make lock` moves the pins to the latest releases).

Prints one line per finding and a summary. Exit status 1 if any pinned release has a
known vulnerability, or --strict is given and some package could not be audited.

This wraps pip-audit rather than replacing it: pip-audit is the check wherever its API
answers; the fallback only reads the same PyPI vulnerability records another way.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PYPI_PROJECT = "https://pypi.org/pypi/{name}/json"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#\\]+)")


@dataclass
class Finding:
    name: str
    version: str
    vulnerabilities: list[str] = field(default_factory=list)
    audited_by: str = ""  # "pip-audit", "project JSON", or "" when not audited
    why_not: str = ""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def run_pip_audit(lock: Path) -> list[dict]:
    """pip-audit's JSON report of the lock file ("dependencies" entries)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "-r",
                str(lock),
                "--disable-pip",
                "--no-deps",  # the lock file pins every package already
                "--vulnerability-service",
                "pypi",
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                report.name,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,  # exits 1 when it finds something; the report says what
        )
        text = Path(report.name).read_text()
    return json.loads(text)["dependencies"] if text.strip() else []


def fetch_project(name: str) -> dict | None:
    try:
        with urllib.request.urlopen(PYPI_PROJECT.format(name=name), timeout=30) as answer:
            return json.load(answer)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None


def from_project_json(name: str, version: str, project: dict | None) -> Finding:
    if project is None:
        return Finding(name, version, why_not="PyPI's project JSON did not answer")
    latest = project.get("info", {}).get("version", "")
    if latest != version:
        return Finding(name, version, why_not=f"pinned behind the latest release, {latest}")
    ids = [v.get("id", "?") for v in project.get("vulnerabilities") or []]
    return Finding(name, version, ids, audited_by="project JSON")


def audit(pins: dict[str, str], pip_audit_report: list[dict], fetch=fetch_project):
    findings: dict[str, Finding] = {}
    for dep in pip_audit_report:
        name = normalise(dep["name"])
        if name in pins and not dep.get("skip_reason"):
            findings[name] = Finding(
                name, dep["version"], [v["id"] for v in dep.get("vulns", [])], "pip-audit"
            )
    rest = [name for name in pins if name not in findings]
    with ThreadPoolExecutor(max_workers=8) as pool:
        projects = dict(zip(rest, pool.map(fetch, rest), strict=True))
    for name in rest:
        findings[name] = from_project_json(name, pins[name], projects[name])
    return [findings[name] for name in sorted(findings)]


def report(findings: list[Finding], *, strict: bool) -> int:
    vulnerable = [f for f in findings if f.vulnerabilities]
    unaudited = [f for f in findings if not f.audited_by]
    for f in vulnerable:
        print(f"VULNERABLE: {f.name} {f.version}: {', '.join(f.vulnerabilities)}")
    for f in unaudited:
        print(f"NOT AUDITED: {f.name} {f.version}: {f.why_not}")
    by_pip_audit = sum(1 for f in findings if f.audited_by == "pip-audit")
    by_project = sum(1 for f in findings if f.audited_by == "project JSON")
    print(
        f"audit: {by_pip_audit + by_project} of {len(findings)} locked packages audited "
        f"({by_pip_audit} by pip-audit, {by_project} from PyPI's project JSON), "
        f"{len(vulnerable)} with known vulnerabilities"
    )
    if unaudited:
        print(f"WARNING: {len(unaudited)} packages could not be audited (listed above).")
    return 1 if vulnerable or (strict and unaudited) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=Path("requirements.lock"))
    parser.add_argument("--strict", action="store_true", help="fail if any is not audited")
    args = parser.parse_args()
    pins = read_pins(args.lock)
    return report(audit(pins, run_pip_audit(args.lock)), strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())
