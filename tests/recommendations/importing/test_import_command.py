"""`manage.py import_plan`: the same preview as the page, printed; nothing written while a
problem remains, nor with --dry-run."""

import io

import pytest
from django.core.management import CommandError, call_command

from recommendations.models import ActionPlan, Recommendation
from tests.recommendations.importing.import_support import youth_custody_docx

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_reports_the_plan_and_writes_nothing(tmp_path):
    path = tmp_path / "youth-custody.docx"
    path.write_bytes(youth_custody_docx())
    out, err = run(str(path), "--slug", "youth-custody-2025", "--dry-run")
    assert "Plan: " in out and "[youth-custody-2025]" in out
    assert "1 heading, 2 recommendations, 2 actions, 0 progress entries" in out
    assert "Note: Categorisation table: The file has none: the standard table is used" in out
    assert "New owners (2): Deputy Director Youth Custody Service; Head of Education" in out
    assert "Dry run: nothing was imported." in out
    assert err == ""
    assert not ActionPlan.objects.exists()


def test_a_problem_is_printed_with_where_it_is_and_nothing_is_written(tmp_path):
    path = tmp_path / "youth-custody.docx"
    path.write_bytes(youth_custody_docx(target="Sumer 2027"))
    out, err = io.StringIO(), io.StringIO()
    # The reader's located problem, and the service's own rule for the same target
    with pytest.raises(CommandError, match="2 problem\\(s\\): nothing was imported"):
        call_command("import_plan", str(path), "--slug", "yc", stdout=out, stderr=err)
    assert "Table 1, row 3, column 'Target Date'" in err.getvalue()
    assert "'Sumer 2027' is neither a month nor a financial year" in err.getvalue()
    assert "recommendation S40, action 1: target:" in err.getvalue()
    assert not ActionPlan.objects.exists()


def test_an_import_writes_the_plan_with_history_naming_the_file(tmp_path):
    path = tmp_path / "youth-custody.docx"
    path.write_bytes(youth_custody_docx())
    out, _ = run(str(path), "--slug", "youth-custody-2025")
    assert "Imported plan 'youth-custody-2025' from youth-custody.docx." in out
    plan = ActionPlan.objects.get(slug="youth-custody-2025")
    recs = Recommendation.objects.filter(group__plan=plan).order_by("position")
    assert [r.reference for r in recs] == ["S40", "1.46"]
    assert recs[0].history.get().history_change_reason == "Imported from youth-custody.docx"

    # The same slug again is refused, never merged
    with pytest.raises(CommandError):
        call_command(
            "import_plan",
            str(path),
            "--slug",
            "youth-custody-2025",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert ActionPlan.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.docx", b"not a zip at all", "not a Word document"),
        ("plan.pdf", b"%PDF-1.7", "must be a Word document or a spreadsheet"),
        ("plan.xlsx", b"", "empty"),
    ],
)
def test_a_file_that_is_no_plan_gets_a_clear_answer(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=io.StringIO())
