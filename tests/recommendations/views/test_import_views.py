"""The "Import a plan" page: upload, a preview with every problem, fix, upload again,
confirm; the plan is then there, with nothing written before the confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.models import ActionPlan, PlanImport, Recommendation, ResponsibleBody
from tests.recommendations.importing.import_support import youth_custody_docx

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UPLOAD = reverse("recommendations:plan-import")


def upload(client, content: bytes, name="youth-custody.docx", slug="youth-custody-2025"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content, DOCX), "slug": slug})


def test_an_editor_fixes_a_file_and_imports_it(client_for):
    editor = client_for("editor")
    # Given a Word plan with a target that is no date
    response = upload(editor, youth_custody_docx(target="Sumer 2027"))
    assert response.status_code == 302
    preview = editor.get(response["Location"]).content.decode()
    # Then the preview says where the problem is, and offers no import
    assert "There are problems in the file" in preview
    assert "Table 1, row 3, column &#x27;Target Date&#x27;" in preview
    assert "Sumer 2027" in preview
    assert "Import the plan</button>" not in preview
    assert not ActionPlan.objects.exists()

    # When the fixed file is uploaded again
    response = upload(editor, youth_custody_docx(target="March 2027"))
    preview_url = response["Location"]
    preview = editor.get(preview_url).content.decode()
    # Then the preview shows the plan and its new owners, and the import button
    assert "There is a problem" not in preview
    assert "S40" in preview and "1.46" in preview
    assert "The Youth Custody Service should:" in preview
    assert "Head of Education, Youth Custody Service" in preview
    assert 'govuk-tag--blue">New</strong>' in preview
    assert "Import the plan</button>" in preview
    assert not ActionPlan.objects.exists()

    # And confirming writes the plan, with history naming the file
    response = editor.post(preview_url)
    plan = ActionPlan.objects.get(slug="youth-custody-2025")
    assert response["Location"] == reverse("recommendations:plan-detail", args=[plan.slug])
    rec = Recommendation.objects.get(group__plan=plan, reference="S40")
    assert rec.history.get().history_change_reason == "Imported from youth-custody.docx"
    assert PlanImport.objects.get(plan=plan).imported_at is not None
    page = editor.get(response["Location"]).content.decode()
    assert "Plan imported from youth-custody.docx" in page
    # Confirming again imports nothing twice
    editor.post(preview_url)
    assert ActionPlan.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"%PDF-1.7 a PDF", "must be a Word document (.docx) or a spreadsheet"),
        ("plan.docx", b"PK\x03\x04 broken", "not a Word document"),
        ("plan.docx", b"", "The selected file is empty"),
        ("plan.xlsx", b"x" * (10 * 1024 * 1024 + 1), "must be smaller than 10MB"),
    ],
)
def test_a_file_that_is_no_plan_is_refused_beside_the_field(client_for, name, content, message):
    response = upload(client_for("editor"), content, name=name)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'id="id_file-error"' in html or "govuk-error-message" in html
    assert message in html
    assert not PlanImport.objects.exists()


def test_an_editor_imports_only_plans_of_their_own_bodies(client_for):
    ResponsibleBody.objects.create(name="Youth Justice Board for England and Wales")
    editor = client_for("editor")
    response = upload(editor, youth_custody_docx(body="Youth Justice Board for England and Wales"))
    preview = editor.get(response["Location"]).content.decode()
    assert "You can import plans of HM Prison &amp; Probation Service only" in preview
    assert "Import the plan</button>" not in preview
    # and an unknown body is an administrator's to add
    response = upload(editor, youth_custody_docx(body="Office for Youth Education"))
    preview = editor.get(response["Location"]).content.decode()
    assert (
        "&#x27;Office for Youth Education&#x27; is not a responding body in the service" in preview
    )


def test_an_administrator_may_bring_in_a_new_body(client_for):
    admin = client_for("admin")
    response = upload(admin, youth_custody_docx(body="Office for Youth Education"))
    preview = admin.get(response["Location"]).content.decode()
    assert "Import the plan</button>" in preview
    admin.post(response["Location"])
    plan = ActionPlan.objects.get(slug="youth-custody-2025")
    assert [b.name for b in plan.bodies.all()] == ["Office for Youth Education"]


def test_a_slug_in_use_is_a_problem_in_the_preview(client_for, seed_plan):
    editor = client_for("editor")
    response = upload(editor, youth_custody_docx(), slug=seed_plan.slug)
    preview = editor.get(response["Location"]).content.decode()
    assert f"A plan with the slug &#x27;{seed_plan.slug}&#x27; already exists" in preview
    assert "Import the plan</button>" not in preview
