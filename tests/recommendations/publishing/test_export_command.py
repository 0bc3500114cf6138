"""`manage.py export_plan`: the published plan to a file, now or at any moment."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pdfminer.high_level import extract_text

from recommendations import publishing
from recommendations.importing.yaml_plan import plan_import
from recommendations.selectors.versions import LONDON

pytestmark = pytest.mark.django_db

SEED = "ct-joint-inspection-2023"


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_plan", *args, stdout=out)
    return out.getvalue()


def test_html_now_holds_the_progress_and_the_first_submission_does_not(seed_plan, tmp_path):
    now, first = tmp_path / "now.html", tmp_path / "first.html"
    assert "Wrote" in export(SEED, "--format", "html", "-o", str(now))
    export(SEED, "--format", "html", "-o", str(first), "--submission", "1")
    now_html, first_html = now.read_text(), first.read_text()
    assert now_html == publishing.plan_publication_html(plan=seed_plan)
    assert "Progress against commitments – Recommendation 6 (July 2024)" in now_html
    assert "Progress against commitments" not in first_html
    assert "Updated Action Plan Submitted" not in first_html


def test_a_date_exports_the_plan_as_it_stood_at_the_end_of_that_day(seed_plan, tmp_path):
    # The 12-month update was submitted on 9 August 2024 (17:00 UTC), not before.
    before, on = tmp_path / "before.html", tmp_path / "on.html"
    export(SEED, "--format", "html", "-o", str(before), "--as-of", "2024-08-08")
    export(SEED, "--format", "html", "-o", str(on), "--as-of", "2024-08-09")
    assert "Progress against commitments" not in before.read_text()
    assert "Progress against commitments" in on.read_text()
    assert on.read_text() == publishing.plan_publication_html(
        plan=seed_plan,
        as_of=datetime.datetime(2024, 8, 9, 23, 59, 59, tzinfo=LONDON),
    )


def test_the_pdf_is_the_same_document_the_web_serves(people, tmp_path, client, background):
    plan, _ = plan_import(
        data={
            "slug": "tiny",
            "title": "Tiny plan",
            "report": {"title": "Tiny report"},
            "bodies": [{"name": "Youth Justice Board"}],
            "groups": [
                {
                    "heading": "The Board should:",
                    "recommendations": [
                        {
                            "reference": "1",
                            "text": "Publish the tiny plan.",
                            "actions": [
                                {
                                    "text": "Publish it.",
                                    "owners": ["Chief Executive"],
                                    "target": "May 2025",
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    )
    path = tmp_path / "tiny.pdf"
    export("tiny", "-o", str(path))
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF-1.7")
    text = " ".join(extract_text(io.BytesIO(pdf)).split())
    assert "Publish the tiny plan." in text and "Chief Executive" in text and "May 2025" in text

    # Once the worker has rendered the plan for the web, the command gives those bytes.
    client.force_login(people["admin"])
    url = reverse("recommendations:plan-pdf", args=["tiny"])
    assert client.get(url).status_code == 202
    background()
    served = client.get(url).getvalue()
    export("tiny", "-o", str(path))
    assert path.read_bytes() == served


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-plan", "-o", "x.pdf"], "No plan 'no-such-plan'"),
        ([SEED, "-o", "x.pdf", "--submission", "4"], "has 3 submission(s); there is no number 4"),
        ([SEED, "-o", "x.pdf", "--as-of", "2020-01-01"], "did not exist yet on 2020-01-01"),
        ([SEED, "-o", "x.pdf", "--as-of", "28/07/2023"], "not a date"),
        ([SEED, "-o", "x.pdf", "--as-of", "2024-01-01", "--submission", "1"], "not allowed with"),
        ([SEED, "-o", "x.pdf", "--format", "rtf"], "invalid choice"),
    ],
)
def test_mistakes_are_explained(seed_plan, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        export(*args)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("fmt", "read"),
    [
        ("xlsx", "read_xlsx"),
        ("ods", "read_ods"),
        ("csv", "read_csv"),
        ("docx", "read_docx"),
    ],
)
def test_a_submission_exports_to_spreadsheets_and_word_as_frozen(seed_plan, tmp_path, fmt, read):
    """Given the seed, when submission 1 is exported as a spreadsheet or Word file after a
    body is renamed, then reading the file gives submission 1's frozen plan data."""
    from recommendations import importing
    from recommendations.models import ResponsibleBody, SubmissionRecord
    from recommendations.snapshots import plan_data_from_snapshot, plan_from_document

    ResponsibleBody.objects.filter(short_name="HMPPS").update(name="Renamed after submitting")
    path = tmp_path / f"first.{fmt}"
    assert "Wrote" in export(SEED, "--format", fmt, "-o", str(path), "--submission", "1")
    result = getattr(importing, read)(path.read_bytes())
    assert result.ok, result.problems
    record = SubmissionRecord.objects.get(plan=seed_plan, number=1)
    frozen = plan_data_from_snapshot(plan_from_document(bytes(record.document)))
    assert result.data["bodies"] == frozen["bodies"]
    assert "Renamed after submitting" not in str(result.data)
    assert result.data["groups"] == frozen["groups"]
    assert not any(m["kind"] == "progress_update_submitted" for m in result.data["milestones"])
