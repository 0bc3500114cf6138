"""The plan exported as Word: the published layout, accessible, and read back as the
same plan."""

import copy
import datetime
import io

import docx
import pytest
from docx.oxml.ns import qn

from recommendations.importing.word import read_docx
from recommendations.publishing.word import to_docx
from tests.recommendations.importing.word_support import seed_data

SLUG = "ct-joint-inspection-2023"


@pytest.fixture(scope="module")
def exported() -> bytes:
    return to_docx(seed_data())


@pytest.fixture(scope="module")
def document(exported):
    return docx.Document(io.BytesIO(exported))


def texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def test_the_exported_seed_reads_back_as_the_same_plan(exported):
    result = read_docx(exported, slug=SLUG)
    assert result.problems == []
    assert result.data == seed_data()
    # The export's own summary is computed, so only the numbering gap is left to note.
    assert [n.message for n in result.notes] == [
        "Recommendation numbering skips 13: the plan is read without it, and nothing is filled in"
    ]


def test_the_front_matter_is_laid_out_as_published(document):
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:8] == [
        "HM Prison & Probation Service (HMPPS)",
        "Counter Terrorism Policing",
        "A Response to: " + seed_data()["report"]["title"],
        "Report Published: 20 July 2023",
        "Action Plan Submitted: 28 July 2023",
        "Updated Action Plan Submitted: 11 October 2023",
        "12 Month Update Action Plan Submitted: 09 August 2024",
        "Introduction",
    ]
    assert "Recommendation 13 is not in this plan." in paragraphs


def test_the_action_plan_table_has_the_six_columns_and_merged_heading_rows(document):
    categorisation, plan, summary = document.tables
    assert texts(categorisation.rows[0].cells[0]) == ["Term"]
    assert [c.text for c in plan.rows[0].cells] == [
        "Rec No",
        "Recommendation",
        "Agreed/ Partly Agreed/ Not Agreed",
        "Response Action Taken/Planned",
        "Responsible Owner",
        "Target Date",
    ]
    merged = [tr.tc_lst[0] for tr in plan._tbl.tr_lst if len(tr.tc_lst) == 1]
    spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in merged]
    headings = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in merged]
    assert headings[0] == "The Ministry of Justice should:"
    assert headings[1] == "Progress against commitments – Recommendation 1 (July 2024)"
    assert all(span.get(qn("w:val")) == "6" for span in spans)
    assert len(headings) == 7 + 20  # seven addressees, one progress row per recommendation
    assert [[c.text for c in row.cells] for row in summary.rows] == [
        ["Recommendations", "Number"],
        ["Agreed", "19"],
        ["Partly Agreed", "1"],
        ["Not Agreed", "0"],
        ["Total", "20"],
    ]


def test_every_header_row_repeats_on_each_page(document):
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
        # Only the header repeats.
        assert all(tr.trPr is None for tr in table._tbl.tr_lst[1:])


def test_the_document_has_a_title_and_its_language(document):
    assert document.core_properties.title.startswith("A Response to: Counter Terrorism Joint")
    assert document.core_properties.language == "en-GB"
    run_defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert run_defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_bullets_are_word_list_paragraphs(document):
    plan = document.tables[1]
    items = [
        p
        for tr in plan._tbl.tr_lst
        for tc in tr.tc_lst
        for p in tc.iter(qn("w:p"))
        if "".join(t.text for t in p.iter(qn("w:t"))).startswith("Interim handling instructions to")
    ]
    styles = {p.pPr.pStyle.val for p in items if p.pPr is not None and p.pPr.pStyle is not None}
    assert styles == {"ListBullet"}
    assert len(items) == 2  # recommendations 7 and 17
    list_style = document.styles["List Bullet"].element
    assert list_style.pPr.numPr is not None  # a real Word list, numbered by Word


def test_what_the_published_layout_leaves_to_judgement_is_written_out_and_reads_back():
    data = seed_data()
    data["caveat"] = "Target dates are likely to be delayed by COVID-19."
    data["report"]["inspection_period"] = "23 April – 3 May 2019"
    data["milestones"][2]["change_note"] = "Dates for recommendations 7 and 9 were added."
    groups = data["groups"]
    rec4 = groups[2]["recommendations"][0]
    rec4.update(
        agreement="not_agreed",
        rationale="Ministers decided against it.",
        reasons=["policy", "affordability"],
    )
    rec7 = groups[3]["recommendations"][1]
    rec7["actions"][4]["status"] = "delayed"
    rec7["progress"][0].update(
        target="June 2024",
        status="in_progress",
        revises_action=4,
        revision_reason="staff were moved to other work",
    )
    rec3 = groups[1]["recommendations"][0]
    rec3["progress"][0].update(target="October 2025", status="in_progress")
    rec3["response"] = "Partners agree:\n\n1. first\n2. second"
    result = read_docx(to_docx(copy.deepcopy(data)), slug=SLUG)
    assert result.problems == []
    assert result.data == data
    assert result.data["milestones"][2]["change_note"].startswith("Dates for")


def test_dates_given_as_text_are_accepted():
    data = seed_data()
    for milestone in data["milestones"]:
        milestone["date"] = milestone["date"].isoformat()
    result = read_docx(to_docx(data), slug=SLUG)
    assert result.data["milestones"][0]["date"] == datetime.date(2023, 7, 20)
