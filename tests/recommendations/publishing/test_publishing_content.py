"""What the published plan says, in document order, and what it said at any earlier moment."""

import datetime
from html.parser import HTMLParser

import pytest

from recommendations import publishing
from recommendations.selectors.versions import (
    end_of_day,
    plan_submissions,
    plan_versions_for_export,
)
from tests.recommendations.publishing.publishing_support import (
    AGREEMENT,
    COLUMNS,
    FIRST_SUBMISSION,
    SEED_DATA,
    assert_in_order,
    blocks,
    expected_table_text,
    html_text,
    normalise,
)

# --- Content and order ----------------------------------------------------------------


def test_the_pdf_reads_every_text_of_the_plan_in_document_order(seed):
    text = seed["now"].reading
    front = [body["name"] for body in SEED_DATA["bodies"]]
    front.append(f"A Response to: {SEED_DATA['report']['title']}")
    front += [f"{m['label']}: {m['date']:%d %B %Y}" for m in SEED_DATA["milestones"]]
    front.append(SEED_DATA["introduction"])
    for term in SEED_DATA["categorisation"]:
        front += [AGREEMENT[term["term"]], term["definition"], term["comment"]]
    front.append(SEED_DATA["title"])
    assert_in_order(text, front + COLUMNS + expected_table_text(SEED_DATA))


def test_the_html_holds_every_text_of_the_plan_in_document_order(seed):
    text = html_text(seed["now"].html)
    assert_in_order(text, [f"A Response to: {SEED_DATA['report']['title']}"])
    assert_in_order(text, COLUMNS + expected_table_text(SEED_DATA))


def test_the_pdf_text_holds_every_owner_target_and_progress_heading(seed):
    # Plain extraction, by position on the page: short texts never split by a page.
    text = " ".join(seed["now"].pages)
    for item in expected_table_text(SEED_DATA):
        if len(item) < 60:
            assert normalise(item) in text


def test_the_summary_is_computed_and_the_numbering_gap_stated(seed):
    recs = [r for g in SEED_DATA["groups"] for r in g["recommendations"]]
    counts = {key: sum(r.get("agreement", "agreed") == key for r in recs) for key in AGREEMENT}
    references = {int(r["reference"]) for r in recs}
    missing = [n for n in range(1, max(references) + 1) if n not in references]
    assert missing == [13]
    expected = [f"{AGREEMENT[key]} {count}" for key, count in counts.items()]
    expected += [f"Total {len(recs)}", "Recommendation 13 is not in this plan."]
    assert_in_order(seed["now"].reading, ["Summary", "Recommendations", *expected])
    assert_in_order(html_text(seed["now"].html), expected)


def test_revised_target_dates_are_shown_with_the_original(seed):
    text = normalise(seed["now"].reading)
    revisions = 0
    for group in SEED_DATA["groups"]:
        for rec in group["recommendations"]:
            for entry in rec.get("progress") or []:
                if entry.get("revises_action"):
                    original = rec["actions"][entry["revises_action"] - 1]["target"]
                    reason = entry["revision_reason"]
                    shown = f"{entry['target']} (revised from {original}: {reason})"
                    assert normalise(shown) in text
                    revisions += 1
    assert revisions == 6
    assert "January 2025 (revised from June 2024: internal resourcing pressures)" in text


def test_gaps_are_stated_in_plain_words():
    assert publishing.gaps_statement([]) == ""
    assert publishing.gaps_statement(["4", "9"]) == "Recommendations 4 and 9 are not in this plan."
    assert (
        publishing.gaps_statement(["2", "3", "8"])
        == "Recommendations 2, 3 and 8 are not in this plan."
    )


# --- Any moment -------------------------------------------------------------------------


class _Rows(HTMLParser):
    """The rows of the action plan table: (class, text of each cell)."""

    def __init__(self):
        super().__init__()
        self.rows, self._in_table, self._cell = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._in_table = attrs.get("id") == "action-plan-table"
        elif self._in_table and tag == "tr":
            self.rows.append((attrs.get("class", ""), []))
        elif self._in_table and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append(normalise(" ".join(self._cell)))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str) -> list[tuple[str, list[str]]]:
    parser = _Rows()
    parser.feed(html)
    return parser.rows


def test_the_first_submission_differs_from_today_exactly_by_the_progress_rows(seed):
    first, now = table_rows(seed["first"].html), table_rows(seed["now"].html)
    is_progress = [
        "progress" in cls or cells[0].startswith("Progress against commitments")
        for cls, cells in now
    ]
    assert any(is_progress)
    assert [row for row, progress in zip(now, is_progress, strict=True) if not progress] == first

    entries = [
        e
        for g in SEED_DATA["groups"]
        for r in g["recommendations"]
        for e in r.get("progress") or []
    ]
    headings = sum(
        bool(r.get("progress")) for g in SEED_DATA["groups"] for r in g["recommendations"]
    )
    assert sum(is_progress) == len(entries) + headings

    first_text = normalise(seed["first"].reading)
    now_text = normalise(seed["now"].reading)
    assert "Progress against commitments" not in first_text
    assert now_text.count("Progress against commitments") == headings
    for entry in entries:
        assert normalise(blocks(entry["text"])[0]) in now_text
        assert normalise(blocks(entry["text"])[0]) not in first_text
    # The front matter lists only the milestones reached by then.
    assert "Action Plan Submitted: 28 July 2023" in first_text
    assert "Updated Action Plan Submitted" not in first_text


@pytest.mark.django_db
def test_a_date_means_the_end_of_that_day_in_london(seed_plan):
    moment = end_of_day(datetime.date(2024, 8, 9))
    assert moment.utcoffset() == datetime.timedelta(hours=1)  # BST
    assert moment > datetime.datetime(2024, 8, 9, 17, tzinfo=datetime.UTC)
    html = publishing.plan_publication_html(plan=seed_plan, as_of=moment)
    assert "Progress against commitments" in html
    day_before = publishing.plan_publication_html(
        plan=seed_plan, as_of=end_of_day(datetime.date(2024, 8, 8))
    )
    assert "Progress against commitments" not in day_before


@pytest.mark.django_db
def test_submissions_are_numbered_in_order(seed_plan):
    made = plan_submissions(plan=seed_plan)
    assert [m.date for m in made] == [
        m["date"] for m in SEED_DATA["milestones"] if m["kind"] != "report_published"
    ]
    versions = plan_versions_for_export(plan=seed_plan)
    assert versions.moment_of(1) == FIRST_SUBMISSION
    with pytest.raises(type(made[0]).DoesNotExist):
        versions.moment_of(len(made) + 1)
