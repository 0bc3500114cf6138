"""scripts/audit.py: pip-audit's findings, and PyPI's project JSON where pip-audit could
not ask (the report and the JSON below have the shapes those services return)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

SKIPPED = "Dependency not found on PyPI and could not be audited"


def project(version, *vulnerability_ids):
    return {
        "info": {"name": "x", "version": version},
        "vulnerabilities": [
            {"id": vid, "aliases": [], "fixed_in": ["9.9"], "details": "..."}
            for vid in vulnerability_ids
        ],
    }


def skipped(name, version):
    return {"name": name, "version": version, "skip_reason": SKIPPED}


def no_fetch(name):
    raise AssertionError(f"{name} was audited by pip-audit: nothing to fetch")


def test_pins_are_read_with_normalised_names(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# header\nDjango==6.1.3\nfactory_boy==3.3.3\nzope.interface==8.0 \\\n\n")
    assert audit.read_pins(lock) == {
        "django": "6.1.3",
        "factory-boy": "3.3.3",
        "zope-interface": "8.0",
    }


def test_pip_audit_findings_are_used_as_they_are(capsys):
    report = [
        {"name": "Django", "version": "6.1.3", "vulns": []},
        {"name": "pillow", "version": "13.0.0", "vulns": [{"id": "PYSEC-2026-1"}]},
    ]
    findings = audit.audit({"django": "6.1.3", "pillow": "13.0.0"}, report, fetch=no_fetch)

    assert audit.report(findings, strict=True) == 1
    out = capsys.readouterr().out
    assert "VULNERABLE: pillow 13.0.0: PYSEC-2026-1" in out
    assert "2 of 2 locked packages audited (2 by pip-audit, 0 from PyPI's project JSON)" in out


def test_a_latest_release_is_audited_from_the_project_json(capsys):
    answers = {"django": project("6.1.3"), "weasyprint": project("70.0", "GHSA-xxxx")}
    findings = audit.audit(
        {"django": "6.1.3", "weasyprint": "70.0"},
        [skipped("django", "6.1.3"), skipped("weasyprint", "70.0")],
        fetch=answers.get,
    )

    assert audit.report(findings, strict=False) == 1
    out = capsys.readouterr().out
    assert "VULNERABLE: weasyprint 70.0: GHSA-xxxx" in out
    assert "django" not in out.split("audit:")[0]
    assert "2 of 2 locked packages audited (0 by pip-audit, 2 from PyPI's project JSON)" in out


def test_a_pin_behind_the_latest_release_is_named_as_not_audited(capsys):
    # The project JSON's vulnerabilities are the latest release's, not this pin's.
    answers = {"requests": project("2.35.0", "GHSA-of-the-latest")}
    findings = audit.audit({"requests": "2.34.2"}, [skipped("requests", "2.34.2")], answers.get)

    assert audit.report(findings, strict=False) == 0
    out = capsys.readouterr().out
    assert "NOT AUDITED: requests 2.34.2: pinned behind the latest release, 2.35.0" in out
    assert "VULNERABLE" not in out
    assert "0 of 1 locked packages audited" in out
    assert audit.report(findings, strict=True) == 1


def test_no_answer_at_all_is_not_audited_and_not_a_pass(capsys):
    findings = audit.audit({"django": "6.1.3"}, [], fetch=lambda name: None)

    assert audit.report(findings, strict=False) == 0
    out = capsys.readouterr().out
    assert "NOT AUDITED: django 6.1.3: PyPI's project JSON did not answer" in out
    assert "WARNING: 1 packages could not be audited" in out
