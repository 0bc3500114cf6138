"""What the new-plan journey (test_journey_new_plan.py) types, how it moves about and reads
the pages, and how it checks the PDF it downloads: page-validation's PDF/UA-1 rules, then
the checks the publishing tests make of the seed plan's PDF, on a plan made in the browser.
"""

import datetime
import io
import re
import subprocess
import sys

import page as page_validation
import pikepdf
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer

from tests.browser.conftest import wait_for_frontend
from tests.browser.test_accessibility import describe, run_axe
from tests.recommendations.publishing.publishing_support import (
    normalise,
    page_texts,
    pages_of,
    parts_of,
    reading_order_text,
    structure_elements,
)

# The plan the editor types: a different inspection from the seed's, with a prison
# inspection's paragraph references.
DRAFT_TITLE = "An inspection of the Youth Custody Service's education provision"
REPORT_TITLE = (
    "An inspection of the Youth Custody Service's education provision in young offender "
    "institutions and secure training centres"
)
SLUG = "ycs-education-2026"
REPORT_PUBLISHED = datetime.date(2026, 10, 14)
INSPECTION_PERIOD = "4 – 15 May 2026"
PLAN_TITLE = "The Youth Custody Service's education provision: action plan"
CAVEAT = "Target dates depend on the education contracts re-let in 2027."
INTRODUCTION = (
    "The Youth Custody Service welcomes the inspection and accepts the findings on "
    "education, skills and work.\n\n"
    "This plan sets out:\n\n"
    "- the actions the Youth Custody Service will take\n"
    "- who is responsible for each action\n"
    "- when each action will be complete"
)
BULLETS = [
    "the actions the Youth Custody Service will take",
    "who is responsible for each action",
    "when each action will be complete",
]
MILESTONE = "Action Plan Agreed by the Youth Custody Service Board"
MILESTONE_DATE = datetime.date(2026, 11, 3)

FIRST_HEADING = "The Youth Custody Service should:"
SECOND_HEADING = "Governors and directors of young offender institutions should:"
S40_TEXT = (
    "Every child should receive at least 15 hours of education a week, delivered by "
    "qualified teachers, with attendance recorded and reviewed each month."
)
S40_ACTION = (
    "The Youth Custody Service will set a minimum of 15 hours of education a week in "
    "every site's regime and report attendance to the monthly performance board."
)
S40_OWNERS = [
    "Head of Education, Youth Custody Service",
    "Deputy Director Youth Custody Service Operations",
    "Governor, HMYOI Feltham",
    "Head of Learning and Skills, HMYOI Wetherby",
]
S40_TARGET = "March 2027"
REC_146_TEXT = (
    "Leaders should provide accredited vocational courses in every residential unit, "
    "including for children held on remand."
)
REC_146_RATIONALE = (
    "Vocational courses will be offered in every unit except the remand unit, where "
    "stays are too short for a course to be completed."
)
REC_146_ACTION = "Commission accredited vocational courses for every sentenced unit."
REC_146_OWNER = "Head of Commissioning, Youth Custody Service"
REC_146_TARGET = "September 2027"
ROUND = "July 2027"
ROUND_DUE = datetime.date(2027, 7, 30)
PROGRESS = (
    "The 15-hour minimum is in every site's regime from April 2027; attendance has been "
    "reported to the performance board each month since."
)
FIRST_SUBMISSION = "Action Plan Submitted"
SECOND_SUBMISSION = "July 2027 Progress Update Submitted"


# --- Moving about as a user does -------------------------------------------------------


def follow(page, locator) -> None:
    """Click a link or button that loads a new page, and wait for it to be ready."""
    with page.expect_navigation():
        locator.click()
    wait_for_frontend(page)


def click_link(page, name: str) -> None:
    follow(page, page.get_by_role("link", name=name, exact=True))


def click_button(page, name: str) -> None:
    follow(page, page.get_by_role("button", name=name, exact=True))


def fill_date(page, question: str, day: datetime.date) -> None:
    """Type a date into the GOV.UK date input (day, month and year boxes) asking it."""
    boxes = page.get_by_role("group", name=question)
    boxes.get_by_label("Day").fill(str(day.day))
    boxes.get_by_label("Month").fill(str(day.month))
    boxes.get_by_label("Year").fill(str(day.year))


def assert_heading(page, text: str) -> None:
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().strip() == text, page.url


def assert_summary_row(page, key: str, value: str) -> None:
    """A summary list row shows this value beside its key."""
    row = page.locator(".govuk-summary-list__row", has=page.get_by_text(key, exact=True))
    shown = " ".join(row.first.locator(".govuk-summary-list__value").inner_text().split())
    assert shown == value, f"{key}: {shown!r}"


# The pages (and states of a page) this journey is the first to reach with a plan made in
# the browser: axe-core runs on each. The plan list and the forms for recommendations,
# actions (with another owner box) and progress are checked on the seed plan by
# test_accessibility.py.
NEW_PAGES = [
    "new plan",
    "front matter",
    "report details",
    "plan texts",
    "responding bodies",
    "categorisation term",
    "add a milestone",
    "change a milestone",
    "add a heading",
    "change a heading",
    "plan with recommendations",
    "submit the plan",
    "start a round",
    "round task list",
    "round task list after marking",
    "submit from a round",
    "submit from a round: error",
]


class Axe:
    """Runs axe-core on a page and records that it did, by the name of the page."""

    def __init__(self, page):
        self.page = page
        self.checked: list[str] = []

    def check(self, name: str) -> None:
        violations = run_axe(self.page)
        assert not violations, describe(violations, f"{self.page.url} ({name})")
        self.checked.append(name)


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- Reading the pages ------------------------------------------------------------------


def definitions(page) -> dict[str, str]:
    """The categorisation table as the front matter page shows it."""
    found = {}
    for row in page.locator("#categorisation ~ dl .govuk-summary-list__row").all():
        term = row.locator(".govuk-summary-list__key").inner_text().strip()
        found[term] = row.locator(".govuk-summary-list__value p").first.inner_text().strip()
    return found


def group_headings(page) -> list[str]:
    """The addressee headings of the plan table, in order (without their edit links)."""
    return page.eval_on_selector_all(
        "#plan-table .app-plan-table__group th",
        "cells => cells.map(th => th.firstChild.textContent.trim())",
    )


def owner_box(page, number: int):
    """The n-th "Responsible owner" box (the first is required, the others optional)."""
    name = "Responsible owner" if number == 1 else f"Responsible owner {number}"
    return page.get_by_label(re.compile(rf"^{name}( \(optional\))?$"))


def assert_task_status(page, reference: str, status: str) -> None:
    task = page.locator(
        ".govuk-task-list__item",
        has=page.get_by_role("link", name=f"Recommendation {reference}", exact=True),
    )
    assert task.locator(".govuk-task-list__status").inner_text().strip() == status


# --- The PDF -------------------------------------------------------------------------------


def download_the_pdf(page) -> bytes:
    """The editor asks for the PDF of a plan just changed: the service says it is being
    prepared; the background worker makes it (its due tasks run here, as `db_worker`
    would run them); the page, refreshing itself, then downloads it."""
    from playwright.sync_api import expect

    from tests.conftest import run_background_tasks

    page.get_by_role("link", name="Download the plan (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This PDF is being prepared")
    violations = run_axe(page)
    assert not violations, describe(violations, "This PDF is being prepared")
    with page.expect_download(timeout=30_000) as download:
        run_background_tasks()
    path = download.value.path()
    with open(path, "rb") as pdf:
        return pdf.read()


def check_the_pdf(data: bytes, folder) -> None:
    report = page_validation.validate_pdf_bytes(data, profile="ua1")
    failures = "\n".join(f"{f.rule_id}: {f.message}" for f in report.failures)
    assert report.is_compliant, f"PDF/UA-1: {report.rules.failed} rule(s) failed\n{failures}"
    assert report.rules.total > 0 and report.rules.failed == 0
    print(f"page-validation ua1: {report.rules.passed} of {report.rules.total} rules passed")

    title = f"A Response to: {REPORT_TITLE}"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == title
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == title
            assert xmp["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in pdf.Root
        headings = structure_elements(pdf, "/H1") + structure_elements(pdf, "/H2")
        assert headings and all(pages_of(pdf, heading) for heading in headings)
        for table in structure_elements(pdf, "/Table"):
            heads = parts_of(table, "/THead")
            assert len(heads) == 1 and len(parts_of(heads[0], "/TR")) == 1
            for cell in parts_of(heads[0], "/TH"):
                assert cell.A.Scope == "/Column"
        with pdf.open_outline() as outline:
            titles, stack = [], list(reversed(outline.root))
            while stack:
                item = stack.pop()
                titles.append(item.title)
                stack += list(reversed(item.children))
    assert titles == [
        title,
        "Introduction",
        f"Action plan: {PLAN_TITLE}",
        FIRST_HEADING,
        SECOND_HEADING,
        "Summary",
    ]

    text = normalise(" ".join(page_texts(data)))
    reading = normalise(reading_order_text(data))
    expected_texts = [
        "S40",
        "1.46",
        *S40_OWNERS,
        REC_146_OWNER,
        S40_TARGET,
        REC_146_TARGET,
        REC_146_RATIONALE,
        PROGRESS,
        CAVEAT,
        f"Inspection period: {INSPECTION_PERIOD}",
    ]
    for expected in expected_texts:
        assert normalise(expected) in text, expected
        assert normalise(expected) in reading, expected
    for bullet in BULLETS:
        assert bullet in reading, bullet
    assert "Page 1 of" not in reading  # page numbers are artifacts

    sizes, fonts = set(), set()
    for pdf_page in extract_pages(io.BytesIO(data)):
        for box in pdf_page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    for char in line:
                        if isinstance(char, LTChar) and char.get_text().strip():
                            sizes.add(round(char.size, 1))
                            fonts.add(char.fontname.split("+")[-1].replace("-", ""))
    assert min(sizes) >= 12
    assert fonts <= {"LiberationSans", "LiberationSansBold", "LiberationSansItalic"}

    path = folder / "plan.pdf"
    path.write_bytes(data)
    checker = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", str(path), "--certain-only"],
        capture_output=True,
        text=True,
        check=False,
    )
    output = checker.stdout + checker.stderr
    assert checker.returncode == 0 and "PASS (no findings)" in output, output
